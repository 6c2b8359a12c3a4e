; MUFI006 cors-permissive-origin, Kotlin (Spring MVC/WebFlux, Ktor CORS plugin,
; hand-set headers).
;
; `@setting` conventions (the message says which):
; - `@CrossOrigin`: the annotation;
; - a CORS builder call or property: its `"*"` argument (`allowedOrigins("*")`), or the
;   call when it takes none (Ktor `anyHost()`, `applyPermitDefaultValues()`);
; - an Access-Control-Allow-Origin header: its value (`"*"`, `request.getHeader("Origin")`).
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in
; production configuration.

; ---------------------------------------------------------------------------------
; @CrossOrigin without origins: every origin is allowed
(annotation
  (user_type (identifier) @name .)
  (#eq? @name "CrossOrigin")
  (#set! message "`{setting}` without `origins` allows every origin: any website your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Give `origins` your exact front-end origins.")) @setting
(annotation
  (constructor_invocation
    (user_type (identifier) @name .)
    (value_arguments) @args)
  (#eq? @name "CrossOrigin")
  (#match? @args "^\\(\\s*(\\)|\\w+\\s*=)")
  (#not-match? @args "\\b(origins|value|originPatterns)\\s*=")
  (#set! message "`{setting}` without `origins` allows every origin: any website your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Give `origins` your exact front-end origins.")) @setting

; @CrossOrigin("*"), @CrossOrigin(origins = ["*"]), @CrossOrigin(originPatterns = arrayOf("*"))
(annotation
  (constructor_invocation
    (user_type (identifier) @name .)
    (value_arguments
      (value_argument
        .
        [
          (string_literal (string_content) @value)
          (collection_literal (string_literal (string_content) @value))
        ]
        .)))
  (#eq? @name "CrossOrigin")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Give `origins` your exact front-end origins.")) @setting
(annotation
  (constructor_invocation
    (user_type (identifier) @name .)
    (value_arguments
      (value_argument
        .
        (identifier) @key
        .
        [
          (string_literal (string_content) @value)
          (collection_literal (string_literal (string_content) @value))
          (call_expression (value_arguments (value_argument (string_literal (string_content) @value))))
        ])))
  (#eq? @name "CrossOrigin")
  (#any-of? @key "origins" "value" "originPatterns")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Give `origins` your exact front-end origins.")) @setting

; ---------------------------------------------------------------------------------
; registry.addMapping("/**").allowedOrigins("*"), .allowedOriginPatterns("*"),
; config.addAllowedOrigin("*"), headers.setAccessControlAllowOrigin("*")
(call_expression
  (navigation_expression (identifier) @value .)
  (value_arguments
    (value_argument (string_literal (string_content) @star) @setting))
  (#any-of? @value "allowedOrigins" "allowedOriginPatterns" "addAllowedOrigin" "addAllowedOriginPattern" "setAccessControlAllowOrigin")
  (#eq? @star "*")
  (#set! message "`{value}(\"*\")` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; config.setAllowedOrigins(listOf("*"))
(call_expression
  (navigation_expression (identifier) @value .)
  (value_arguments
    (value_argument
      (call_expression
        (value_arguments
          (value_argument (string_literal (string_content) @star) @setting)))))
  (#any-of? @value "setAllowedOrigins" "setAllowedOriginPatterns" "allowedOrigins" "allowedOriginPatterns")
  (#eq? @star "*")
  (#set! message "`{value}` with `\"*\"` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; config.allowedOrigins = listOf("*"), allowedOriginPatterns = mutableListOf("*")
(assignment
  left: [
    (navigation_expression (identifier) @value .)
    (identifier) @value
  ]
  right: (call_expression
    (value_arguments
      (value_argument (string_literal (string_content) @star) @setting)))
  (#any-of? @value "allowedOrigins" "allowedOriginPatterns")
  (#eq? @star "*")
  (#set! message "`{value}` with `\"*\"` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; CorsConfiguration().applyPermitDefaultValues(): allows every origin unless set before
(call_expression
  (navigation_expression (identifier) @setting .)
  (value_arguments) @args
  (#eq? @setting "applyPermitDefaultValues")
  (#eq? @args "()")
  (#set! message "`applyPermitDefaultValues()` allows every origin (`*`) when no origins were set before it: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Set allowedOrigins to your exact front-end origins instead."))

; Ktor: install(CORS) { anyHost() }, allowHost("*"), host("*")
(call_expression
  .
  (identifier) @fn
  .
  (value_arguments) @args
  .
  (#eq? @fn "anyHost")
  (#eq? @args "()")
  (#set! message "`anyHost()` lets the Ktor CORS plugin accept every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Use allowHost(\"shop.example\", schemes = listOf(\"https\")) for each front end instead.")) @setting
(call_expression
  .
  (identifier) @fn
  .
  (value_arguments . (value_argument (string_literal (string_content) @star) @setting))
  (#any-of? @fn "allowHost" "host")
  (#eq? @star "*")
  (#set! message "`{setting}` makes the Ktor CORS plugin accept every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Allow each front-end host by name instead."))

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin: *
; response.setHeader("Access-Control-Allow-Origin", "*"), addHeader(…),
; call.response.header(HttpHeaders.AccessControlAllowOrigin, "*"), headers.append(…),
; ResponseEntity.ok().header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
(call_expression
  [(identifier) (navigation_expression)] @callee
  (value_arguments
    .
    (value_argument [(string_literal) (navigation_expression) (identifier)] @name)
    .
    (value_argument (string_literal (string_content) @value) @setting)
    .)
  (#not-match? @callee "(^|\\.)(string|exists|assertEquals|assertThat|isEqualTo|valueEquals|shouldBe)$")
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|(\\w+\\.)*(AccessControlAllowOrigin|ACCESS_CONTROL_ALLOW_ORIGIN))$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; Access-Control-Allow-Origin set to the request's own Origin: request.getHeader("Origin"),
; call.request.headers["Origin"], call.request.header(HttpHeaders.Origin), request.headers.origin.
; A variable is left alone: it is usually checked against an allowlist first.
(call_expression
  [(identifier) (navigation_expression)] @callee
  (value_arguments
    .
    (value_argument [(string_literal) (navigation_expression) (identifier)] @name)
    .
    (value_argument (_) @setting)
    .)
  (#not-match? @callee "(^|\\.)(string|exists|assertEquals|assertThat|isEqualTo|valueEquals|shouldBe)$")
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|(\\w+\\.)*(AccessControlAllowOrigin|ACCESS_CONTROL_ALLOW_ORIGIN))$")
  (#match? @setting "(?i)(\\b(getHeader|getHeaderString|getFirst|header)\\(\\s*(\"origin\"|(\\w+\\.)*origin)\\s*\\)|headers\\[\\s*(\"origin\"|(\\w+\\.)*origin)\\s*\\]|getOrigin\\(\\s*\\)|headers\\.origin\\b)")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; ---------------------------------------------------------------------------------
; @origin: strings given as allowed origins

; allowedOrigins("…"), addAllowedOrigin("…"), setAllowedOrigins(listOf("…")), Ktor allowHost("…")
(call_expression
  (navigation_expression (identifier) @method .)
  (value_arguments (value_argument (string_literal) @origin))
  (#any-of? @method "allowedOrigins" "allowedOriginPatterns" "addAllowedOrigin" "addAllowedOriginPattern" "setAccessControlAllowOrigin"))
(call_expression
  (navigation_expression (identifier) @method .)
  (value_arguments
    (value_argument (call_expression (value_arguments (value_argument (string_literal) @origin)))))
  (#any-of? @method "setAllowedOrigins" "setAllowedOriginPatterns" "allowedOrigins" "allowedOriginPatterns"))
(assignment
  left: [
    (navigation_expression (identifier) @key .)
    (identifier) @key
  ]
  right: (call_expression (value_arguments (value_argument (string_literal) @origin)))
  (#any-of? @key "allowedOrigins" "allowedOriginPatterns"))
(call_expression
  .
  (identifier) @fn
  .
  (value_arguments . (value_argument (string_literal) @origin))
  (#any-of? @fn "allowHost" "host"))

; @CrossOrigin("…"), @CrossOrigin(origins = ["…"])
(annotation
  (constructor_invocation
    (user_type (identifier) @name .)
    (value_arguments
      (value_argument
        .
        [
          (string_literal) @origin
          (collection_literal (string_literal) @origin)
        ]
        .)))
  (#eq? @name "CrossOrigin"))
(annotation
  (constructor_invocation
    (user_type (identifier) @name .)
    (value_arguments
      (value_argument
        .
        (identifier) @key
        .
        [
          (string_literal) @origin
          (collection_literal (string_literal) @origin)
        ])))
  (#eq? @name "CrossOrigin")
  (#any-of? @key "origins" "value" "originPatterns"))

; Access-Control-Allow-Origin set to an exact origin
(call_expression
  [(identifier) (navigation_expression)] @callee
  (value_arguments
    .
    (value_argument [(string_literal) (navigation_expression) (identifier)] @name)
    .
    (value_argument (string_literal) @origin)
    .)
  (#not-match? @callee "(^|\\.)(string|exists|assertEquals|assertThat|isEqualTo|valueEquals|shouldBe)$")
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|(\\w+\\.)*(AccessControlAllowOrigin|ACCESS_CONTROL_ALLOW_ORIGIN))$"))
