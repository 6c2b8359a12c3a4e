; MUFI006 cors-permissive-origin, Ruby (rack-cors, Rails/Sinatra/Rack response headers).
;
; `@setting` conventions (the message says which):
; - rack-cors `origins`: the argument that allows every origin (`'*'`, `/.*/`), or the
;   call when a block accepts everything;
; - an Access-Control-Allow-Origin header: its value (`'*'`, `request.headers['Origin']`).
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in
; production configuration (config/environments/production.rb, a `production:` section).

; ---------------------------------------------------------------------------------
; rack-cors: origins '*', origins "*", "https://shop.acme-store.io", origins(/.*/)
(call
  method: (identifier) @method
  arguments: (argument_list (string (string_content) @value) @setting)
  (#eq? @method "origins")
  (#eq? @value "*")
  (#set! message "`origins {setting}` lets every website call these resources from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))
(call
  method: (identifier) @method
  arguments: (argument_list (regex (string_content) @value) @setting)
  (#eq? @method "origins")
  (#match? @value "^\\^?\\.[*+]\\$?$")
  (#set! message "`origins {setting}` matches every origin, so every website can call these resources from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; origins { |source, env| true }: a check that never checks
(call
  method: (identifier) @method
  block: (_) @block
  (#eq? @method "origins")
  (#match? @block "^(\\{|do)\\s*(\\|[^|]*\\|)?\\s*true\\s*(\\}|end)$")
  (#set! message "`{setting}` accepts every origin without looking at it, so every website can call these resources from the browser and read the answers your server builds with its Mufi key. Compare the origin against your front-end origins.")) @setting

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin: *

; headers['Access-Control-Allow-Origin'] = '*', response.headers[…] = '*'
(assignment
  left: (element_reference . (_) . (string (string_content) @name) .)
  right: (string (string_content) @value) @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; response.set_header('Access-Control-Allow-Origin', '*'), headers.store(…)
(argument_list
  .
  (string (string_content) @name)
  .
  (string (string_content) @value) @setting
  .
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; headers 'Access-Control-Allow-Origin' => '*' (Sinatra), headers.merge!(…), Rack triplets
(pair
  key: (string (string_content) @name)
  value: (string (string_content) @value) @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; Access-Control-Allow-Origin set to the request's own Origin: request.headers['Origin'],
; request.origin, env['HTTP_ORIGIN'], request.get_header('HTTP_ORIGIN').
; A variable is left alone: it is usually checked against an allowlist first.
(assignment
  left: (element_reference . (_) . (string (string_content) @name) .)
  right: [(element_reference) (call) (binary)] @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(headers\\s*\\[\\s*['\"]origin['\"]\\s*\\]|HTTP_ORIGIN|request\\.origin\\b)")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(argument_list
  .
  (string (string_content) @name)
  .
  [(element_reference) (call) (binary)] @setting
  .
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(headers\\s*\\[\\s*['\"]origin['\"]\\s*\\]|HTTP_ORIGIN|request\\.origin\\b)")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(pair
  key: (string (string_content) @name)
  value: [(element_reference) (call) (binary)] @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(headers\\s*\\[\\s*['\"]origin['\"]\\s*\\]|HTTP_ORIGIN|request\\.origin\\b)")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; ---------------------------------------------------------------------------------
; @origin: strings given as allowed origins

; origins 'https://shop.acme-store.io', 'http://localhost:3000'; origins ['…']
(call
  method: (identifier) @method
  arguments: (argument_list [(string) @origin (array (string) @origin) (string_array (bare_string) @origin)])
  (#eq? @method "origins"))

; CORS_ORIGINS = %w[…], ALLOWED_ORIGINS = ['…']
(assignment
  left: (constant) @name
  right: [(string) @origin (array (string) @origin) (string_array (bare_string) @origin)]
  (#match? @name "^(CORS_)?(ALLOWED_|ALLOW_|TRUSTED_)?ORIGINS?$"))

; Access-Control-Allow-Origin set to an exact origin
(assignment
  left: (element_reference . (_) . (string (string_content) @name) .)
  right: (string) @origin
  (#match? @name "^(?i:access-control-allow-origin)$"))
(argument_list
  .
  (string (string_content) @name)
  .
  (string) @origin
  .
  (#match? @name "^(?i:access-control-allow-origin)$"))
(pair
  key: (string (string_content) @name)
  value: (string) @origin
  (#match? @name "^(?i:access-control-allow-origin)$"))
