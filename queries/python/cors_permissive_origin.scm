; MUFI006 cors-permissive-origin, Python (Flask-CORS, Sanic-CORS, Quart-CORS,
; FastAPI/Starlette CORSMiddleware, django-cors-headers, hand-set response headers).
;
; `@setting` conventions (the message says which):
; - an extension set up without origins: the call (`CORS(app)`, `cross_origin()` of a
;   decorator, or the bare decorator's name);
; - a keyword argument, dict entry or setting that allows every origin: the whole
;   `origins="*"` argument / `"origins": "*"` entry / `CORS_ALLOW_ALL_ORIGINS = True`;
; - an Access-Control-Allow-Origin header: its value (`"*"`, `request.headers.get("Origin")`).
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in
; production settings (settings/production.py, a "production" dict).

; ---------------------------------------------------------------------------------
; Flask-CORS / Sanic-CORS without origins: CORS(app), CORS(app, supports_credentials=True)
; (the default origins are "*"; `resources` usually carries per-path origins)
(call
  function: [(identifier) (attribute)] @fn
  arguments: (argument_list) @args
  (#match? @fn "^((flask_cors|sanic_cors)\\.)?CORS$")
  (#match? @args "^\\(\\s*[^)\\s]")
  (#not-match? @args "\\b(origins|resources)\\s*=")
  (#not-match? @args "\\*\\*")
  (#set! message "`{setting}` gives no `origins`, so Flask-CORS allows every origin (`*`): any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Pass `origins=[...]` with your exact front-end origins.")) @setting

; @cross_origin and @cross_origin(...) without origins
(decorator
  [(identifier) (attribute)] @setting
  (#match? @setting "^(flask_cors\\.)?cross_origin$")
  (#set! message "`@{setting}` gives no `origins`, so this view allows every origin (`*`): any website your users open can call it from their browser and read the answers your server builds with its Mufi key. Pass `origins=[...]` with your exact front-end origins."))
(decorator
  (call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list) @args) @setting
  (#match? @fn "^(flask_cors\\.)?cross_origin$")
  (#not-match? @args "\\borigins\\s*=")
  (#not-match? @args "\\*\\*")
  (#set! message "`@{setting}` gives no `origins`, so this view allows every origin (`*`): any website your users open can call it from their browser and read the answers your server builds with its Mufi key. Pass `origins=[...]` with your exact front-end origins."))

; ---------------------------------------------------------------------------------
; Keyword arguments that allow every origin:
;   CORS(app, origins="*"), @cross_origin(origins=["*"]),
;   app.add_middleware(CORSMiddleware, allow_origins=["*"]), Middleware(CORSMiddleware, …),
;   quart_cors.cors(app, allow_origin="*")
(keyword_argument
  name: (identifier) @key
  value: (string (string_content) @value)
  (#any-of? @key "origins" "allow_origins" "allow_origin" "allowed_origins")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting
(keyword_argument
  name: (identifier) @key
  value: [
    (list (string (string_content) @value))
    (tuple (string (string_content) @value))
    (set (string (string_content) @value))
  ]
  (#any-of? @key "origins" "allow_origins" "allow_origin" "allowed_origins")
  (#eq? @value "*")
  (#set! message "`{setting}` lists `*`, which allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Keep only your exact front-end origins.")) @setting

; allow_origin_regex=".*" (Starlette), origins=r".*" (Flask-CORS reads strings as patterns)
(keyword_argument
  name: (identifier) @key
  value: (string (string_content) @value)
  (#any-of? @key "origins" "allow_origin_regex")
  (#match? @value "^\\^?\\.[*+]\\$?$")
  (#set! message "`{setting}` matches every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting

; CORS(app, resources={r"/api/*": {"origins": "*"}})
(pair
  key: (string (string_content) @key)
  value: (string (string_content) @value)
  (#any-of? @key "origins" "allow_origins")
  (#match? @value "^(\\*|\\^?\\.[*+]\\$?)$")
  (#set! message "`{setting}` allows every origin on these routes: any website your users open can call them from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting
(pair
  key: (string (string_content) @key)
  value: [
    (list (string (string_content) @value))
    (tuple (string (string_content) @value))
  ]
  (#any-of? @key "origins" "allow_origins")
  (#eq? @value "*")
  (#set! message "`{setting}` lists `*`, which allows every origin on these routes: any website your users open can call them from their browser and read the answers your server builds with its Mufi key. Keep only your exact front-end origins.")) @setting

; ---------------------------------------------------------------------------------
; Settings: CORS_ALLOW_ALL_ORIGINS = True, CORS_ORIGIN_ALLOW_ALL = True (django-cors-headers)
(assignment
  left: [(identifier) (attribute)] @key
  right: (true)
  (#match? @key "(^|\\.)(CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL)$")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Set it to False and list your front ends in CORS_ALLOWED_ORIGINS.")) @setting

; CORS_ALLOWED_ORIGIN_REGEXES = [r".*"], CORS_ORIGIN_REGEX_WHITELIST = (r"^.*$",)
(assignment
  left: [(identifier) (attribute)] @key
  right: [(list) (tuple)] @list
  (#match? @key "(^|\\.)(CORS_ALLOWED_ORIGIN_REGEXES|CORS_ORIGIN_REGEX_WHITELIST)$")
  (#match? @list "[\"']\\^?\\.[*+]\\$?[\"']")
  (#set! message "`{setting}` has a pattern every origin matches: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Use exact origins, or patterns anchored to your own domain.")) @setting

; Flask-CORS config: CORS_ORIGINS = "*", app.config["CORS_ORIGINS"] = "*"
(assignment
  left: [(identifier) (attribute)] @key
  right: (string (string_content) @value)
  (#match? @key "(^|\\.)CORS_ORIGINS$")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting
(assignment
  left: (subscript subscript: (string (string_content) @key))
  right: (string (string_content) @value)
  (#eq? @key "CORS_ORIGINS")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting
(assignment
  left: (subscript subscript: (string (string_content) @key))
  right: (true)
  (#any-of? @key "CORS_ALLOW_ALL_ORIGINS" "CORS_ORIGIN_ALLOW_ALL")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your front ends in CORS_ALLOWED_ORIGINS instead.")) @setting

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin: *

; response.headers["Access-Control-Allow-Origin"] = "*", resp["Access-Control-Allow-Origin"] = "*"
(assignment
  left: (subscript subscript: (string (string_content) @name))
  right: (string (string_content) @value) @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; response.headers.add("Access-Control-Allow-Origin", "*"), .set(…), .setdefault(…),
; start_response("200 OK", [("Access-Control-Allow-Origin", "*")])
(argument_list
  .
  (string (string_content) @name)
  .
  (string (string_content) @value) @setting
  .
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))
(tuple
  .
  (string (string_content) @name)
  .
  (string (string_content) @value) @setting
  .
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; JSONResponse(..., headers={"Access-Control-Allow-Origin": "*"}), return body, 200, {…}
(pair
  key: (string (string_content) @name)
  value: (string (string_content) @value) @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin set to the request's own Origin: request.headers.get("Origin"),
; request.headers["origin"], request.META["HTTP_ORIGIN"], request.environ.get("HTTP_ORIGIN"),
; request.origin (also with a fallback: … or "*"). A variable is left alone: it is usually
; checked against an allowlist first.
(assignment
  left: (subscript subscript: (string (string_content) @name))
  right: [(attribute) (subscript) (call) (boolean_operator)] @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(headers\\s*(\\.get\\(\\s*['\"]origin['\"]|\\[\\s*['\"]origin['\"]\\s*\\])|HTTP_ORIGIN|request\\.origin\\b)")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(argument_list
  .
  (string (string_content) @name)
  .
  [(attribute) (subscript) (call) (boolean_operator)] @setting
  .
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(headers\\s*(\\.get\\(\\s*['\"]origin['\"]|\\[\\s*['\"]origin['\"]\\s*\\])|HTTP_ORIGIN|request\\.origin\\b)")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(tuple
  .
  (string (string_content) @name)
  .
  [(attribute) (subscript) (call) (boolean_operator)] @setting
  .
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(headers\\s*(\\.get\\(\\s*['\"]origin['\"]|\\[\\s*['\"]origin['\"]\\s*\\])|HTTP_ORIGIN|request\\.origin\\b)")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(pair
  key: (string (string_content) @name)
  value: [(attribute) (subscript) (call) (boolean_operator)] @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(headers\\s*(\\.get\\(\\s*['\"]origin['\"]|\\[\\s*['\"]origin['\"]\\s*\\])|HTTP_ORIGIN|request\\.origin\\b)")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; ---------------------------------------------------------------------------------
; @origin: strings given as allowed origins

; CORS(app, origins=["…"]), allow_origins=["…"], allow_origin="…"
(keyword_argument
  name: (identifier) @key
  value: [(string) @origin (list (string) @origin) (tuple (string) @origin) (set (string) @origin)]
  (#any-of? @key "origins" "allow_origins" "allow_origin" "allowed_origins"))

; {"origins": ["…"]} in Flask-CORS resources, or in a settings dict
(pair
  key: (string (string_content) @key)
  value: [(string) @origin (list (string) @origin) (tuple (string) @origin) (set (string) @origin)]
  (#match? @key "^(?i:origins?|allow_?origins?|allowed_?origins?|cors_?origins?|cors_?allowed_?origins?|cors_?origin_?whitelist)$"))

; CORS_ALLOWED_ORIGINS = ["…"], CORS_ORIGIN_WHITELIST = ("…",), ALLOWED_ORIGINS = "…",
; settings.CORS_ORIGINS = […], app.config["CORS_ORIGINS"] = […]
(assignment
  left: [(identifier) (attribute)] @key
  right: [(string) @origin (list (string) @origin) (tuple (string) @origin) (set (string) @origin)]
  (#match? @key "(?i)(^|\\.)(cors_)?(allowed_|allow_|trusted_)?origins?(_whitelist|_allowlist|_list)?$"))
(assignment
  left: [(identifier) (attribute)] @key
  right: [(string) @origin (list (string) @origin) (tuple (string) @origin) (set (string) @origin)]
  (#match? @key "(^|\\.)CORS_ORIGIN_WHITELIST$"))
(assignment
  left: (subscript subscript: (string (string_content) @key))
  right: [(string) @origin (list (string) @origin) (tuple (string) @origin) (set (string) @origin)]
  (#match? @key "^(?i:(cors_)?(allowed_|allow_)?origins?(_whitelist)?)$"))

; Access-Control-Allow-Origin set to an exact origin
(assignment
  left: (subscript subscript: (string (string_content) @name))
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
