; MUFI006 cors-permissive-origin, JSON (vercel.json and firebase.json headers,
; serverless.json, node-config config/*.json, appsettings.json, API Gateway exports).
;
; `@setting` is always the value that allows every origin: the `"*"` string (or array
; element).
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in files
; named for production (config/production.json, appsettings.Production.json) or under a
; "production" key.

; vercel.json / firebase.json: { "key": "Access-Control-Allow-Origin", "value": "*" }
; The `"value"` pair; a sibling pair naming the header (`"key"`, `"name"` or `"header"`
; set to Access-Control-Allow-Origin), before or after it, is checked in Rust
; (`sibling.*`, read by `declared::sibling`): a query pattern of two sibling pairs
; tries every pair of pairs of every object in the file.
(pair
  key: (string (string_content) @value_key)
  value: (string (string_content) @value) @setting
  (#match? @value_key "^(?i:value)$")
  (#eq? @value "*")
  (#set! sibling.key "^\"(?i:key|name|header)\"$")
  (#set! sibling.value "^\"(?i:access-control-allow-origin)\"$")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call these routes from their browser and read the answers your server builds with its Mufi key. Set your exact front-end origin instead.")) @pair

; "Access-Control-Allow-Origin": "*", "method.response.header.Access-Control-Allow-Origin": "'*'",
; "origin": "*" (node-config `cors`), "AllowedOrigins": "*", "allowedOrigins": ["*"],
; "CORS_ORIGIN": "*"
(pair
  key: (string (string_content) @key)
  value: (string (string_content) @value) @setting
  (#match? @key "^(?i:(.*[./-])?access-control-allow-origin|access[-_]?control[-_]?allow[-_]?origin|allowed[-_]?origins?|allow[-_]?origins?|allowed[-_]?origin[-_]?patterns?|origins?|cors[-_]?origins?|cors[-_]?allowed[-_]?origins?)$")
  (#match? @value "^'?\\*'?$")
  (#set! message "`{setting}` as the allowed origin lets every website call this API from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))
(pair
  key: (string (string_content) @key)
  value: (array (string (string_content) @value) @setting)
  (#match? @key "^(?i:(.*[./-])?access-control-allow-origin|access[-_]?control[-_]?allow[-_]?origin|allowed[-_]?origins?|allow[-_]?origins?|allowed[-_]?origin[-_]?patterns?|origins?|cors[-_]?origins?|cors[-_]?allowed[-_]?origins?)$")
  (#match? @value "^'?\\*'?$")
  (#set! message "`{setting}` among the allowed origins lets every website call this API from the browser and read the answers your server builds with its Mufi key. Keep only your exact front-end origins."))

; "cors": { "origin": true } (node-config passed to cors()): reflects every origin
(pair
  key: (string (string_content) @key)
  value: (true)
  (#set! section.key "^\"(?i:cors|cors[-_]?options)\"$")
  (#eq? @key "origin")
  (#set! message "`{setting}` makes the cors middleware copy each request's Origin into Access-Control-Allow-Origin, which allows every website: any site your users open can call this API from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting @pair
; "CORS_ALLOW_ALL_ORIGINS": true, "AllowAllOrigins": true, "AllowAnyOrigin": true
(pair
  key: (string (string_content) @key)
  value: (true) @value
  (#match? @key "^(?i:cors[-_]?allow[-_]?all[-_]?origins|cors[-_]?origin[-_]?allow[-_]?all|allow[-_]?all[-_]?origins|allow[-_]?any[-_]?origin)$")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting

; @origin: values given as allowed origins ("origin": "…", "AllowedOrigins": ["…"],
; "CORS_ORIGIN": "…", { "key": "Access-Control-Allow-Origin", "value": "…" })
(pair
  key: (string (string_content) @key)
  value: [(string) @origin (array (string) @origin)]
  (#match? @key "(?i)(origin|cors)"))
; (the header named by a pair before it)
(pair
  key: (string (string_content) @value_key)
  value: (string) @origin
  (#match? @value_key "^(?i:value)$")
  (#set! sibling.key "^\"(?i:key|name|header)\"$")
  (#set! sibling.value "^\"(?i:access-control-allow-origin)\"$")
  (#set! sibling.before "")) @pair
