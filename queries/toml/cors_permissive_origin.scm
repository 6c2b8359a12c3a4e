; MUFI006 cors-permissive-origin, TOML (netlify.toml [[headers]], app settings such as
; `allowed_origins`, `[cors]` tables of Rust/Python services).
;
; `@setting` is always the value that allows every origin: the `"*"` string (or array
; element), or `true` for an allow-all switch.
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in files
; named for production (production.toml, config/prod/…) or under a `[production]` table.

; netlify.toml:  [headers.values]  Access-Control-Allow-Origin = "*"
; app settings:  allowed_origins = "*", cors.origins = "*", CORS_ORIGIN = "*"
(pair
  .
  [(bare_key) (quoted_key) (dotted_key)] @key
  .
  (string) @setting
  (#match? @key "^([^=]*\\.)?[\"']?(?i:access-control-allow-origin|access[-_]?control[-_]?allow[-_]?origin|allowed[-_]?origins?|allow[-_]?origins?|allowed[-_]?origin[-_]?patterns?|origins?|cors[-_]?origins?|cors[-_]?allowed[-_]?origins?)[\"']?$")
  (#match? @setting "^(\"|'|\"\"\"|''')\\*(\"|'|\"\"\"|''')$")
  (#set! message "`{setting}` as the allowed origin lets every website call this API from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; allowed_origins = ["*"], [cors] origins = ["https://shop.acme-store.io", "*"]
(pair
  .
  [(bare_key) (quoted_key) (dotted_key)] @key
  .
  (array (string) @setting)
  (#match? @key "^([^=]*\\.)?[\"']?(?i:access-control-allow-origin|allowed[-_]?origins?|allow[-_]?origins?|allowed[-_]?origin[-_]?patterns?|origins?|cors[-_]?origins?|cors[-_]?allowed[-_]?origins?)[\"']?$")
  (#match? @setting "^[\"']\\*[\"']$")
  (#set! message "`{setting}` among the allowed origins lets every website call this API from the browser and read the answers your server builds with its Mufi key. Keep only your exact front-end origins."))

; allow_all_origins = true, cors.allow_any_origin = true, CORS_ALLOW_ALL_ORIGINS = true
(pair
  .
  [(bare_key) (quoted_key) (dotted_key)] @key
  .
  (boolean) @setting
  (#match? @key "^([^=]*\\.)?[\"']?(?i:cors[-_]?allow[-_]?all[-_]?origins|cors[-_]?origin[-_]?allow[-_]?all|allow[-_]?all[-_]?origins|allow[-_]?any[-_]?origin)[\"']?$")
  (#eq? @setting "true")
  (#set! message "`{setting}` here allows every origin: any website your users open can call this API from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; @origin: values given as allowed origins
(pair
  .
  [(bare_key) (quoted_key) (dotted_key)] @key
  .
  [(string) @origin (array (string) @origin)]
  (#match? @key "(?i)(origin|cors)"))
