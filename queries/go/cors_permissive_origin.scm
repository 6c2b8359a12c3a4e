; MUFI006 cors-permissive-origin, Go (rs/cors, go-chi/cors, gin-contrib/cors, Echo,
; Fiber, gorilla/handlers, hand-set headers).
;
; `@setting` conventions (the message says which):
; - a struct field that allows every origin: the `Field: value` element (or assignment);
; - a constructor that allows every origin by default: the call (`cors.Default()`);
; - an options literal with no origin field: the literal;
; - an Access-Control-Allow-Origin header: its value (`"*"`, `r.Header.Get("Origin")`).
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in
; production configuration.

; ---------------------------------------------------------------------------------
; Fields that allow every origin

; cors.Options{AllowedOrigins: []string{"*"}} (rs/cors, go-chi/cors),
; cors.Config{AllowOrigins: []string{"*"}} (gin-contrib), middleware.CORSConfig{AllowOrigins: …} (Echo)
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element
    (composite_literal
      body: (literal_value
        (literal_element
          (interpreted_string_literal (interpreted_string_literal_content) @value)))))
  (#any-of? @key "AllowedOrigins" "AllowOrigins")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting

; Fiber: cors.Config{AllowOrigins: "*"} (a comma-separated string)
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element
    (interpreted_string_literal (interpreted_string_literal_content) @value))
  (#any-of? @key "AllowedOrigins" "AllowOrigins")
  (#match? @value "^(\\*|.*,\\s*\\*)(\\s*,.*)?$")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting

; gin-contrib: cors.Config{AllowAllOrigins: true}, config.AllowAllOrigins = true
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element (true))
  (#eq? @key "AllowAllOrigins")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Set AllowOrigins to your exact front-end origins instead.")) @setting
(assignment_statement
  left: (expression_list . (selector_expression field: (field_identifier) @key) .)
  right: (expression_list . (true) .)
  (#eq? @key "AllowAllOrigins")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Set AllowOrigins to your exact front-end origins instead.")) @setting

; config.AllowOrigins = []string{"*"}, opts.AllowedOrigins = []string{"*"}
(assignment_statement
  left: (expression_list . (selector_expression field: (field_identifier) @key) .)
  right: (expression_list
    .
    (composite_literal
      body: (literal_value
        (literal_element
          (interpreted_string_literal (interpreted_string_literal_content) @value))))
    .)
  (#any-of? @key "AllowedOrigins" "AllowOrigins")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting

; AllowOriginFunc: func(origin string) bool { return true }: a check that never checks
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element (func_literal body: (block) @body))
  (#any-of? @key "AllowOriginFunc" "AllowOriginRequestFunc" "AllowOriginWithContextFunc" "AllowOriginsFunc")
  (#match? @body "^\\{\\s*return\\s+true\\s*\\}$")
  (#set! message "`{setting}` accepts every origin without looking at it, which allows every website: any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. Compare the origin against an allowlist of your front ends.")) @setting
(assignment_statement
  left: (expression_list . (selector_expression field: (field_identifier) @key) .)
  right: (expression_list . (func_literal body: (block) @body) .)
  (#any-of? @key "AllowOriginFunc" "AllowOriginRequestFunc" "AllowOriginWithContextFunc" "AllowOriginsFunc")
  (#match? @body "^\\{\\s*return\\s+true\\s*\\}$")
  (#set! message "`{setting}` accepts every origin without looking at it, which allows every website: any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. Compare the origin against an allowlist of your front ends.")) @setting

; gorilla/handlers: handlers.CORS(handlers.AllowedOrigins([]string{"*"}))
(call_expression
  function: (selector_expression field: (field_identifier) @fn)
  arguments: (argument_list
    (composite_literal
      body: (literal_value
        (literal_element
          (interpreted_string_literal (interpreted_string_literal_content) @value)))))
  (#eq? @fn "AllowedOrigins")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting

; ---------------------------------------------------------------------------------
; Constructors whose defaults allow every origin: cors.AllowAll(), cors.Default()
; (rs/cors and gin-contrib), Echo middleware.CORS(), Fiber cors.New()
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @fn)
  arguments: (argument_list) @args
  (#match? @package "(?i)cors$")
  (#any-of? @fn "AllowAll" "Default")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Configure the middleware with your exact front-end origins instead.")) @setting
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @fn)
  arguments: (argument_list) @args
  (#eq? @package "middleware")
  (#eq? @fn "CORS")
  (#eq? @args "()")
  (#set! message "`{setting}` uses Echo's default CORS config, which allows every origin (`*`): any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Use middleware.CORSWithConfig with AllowOrigins set to your front ends.")) @setting
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @fn)
  arguments: (argument_list) @args
  (#match? @package "(?i)cors$")
  (#eq? @fn "New")
  (#eq? @args "()")
  (#set! message "`{setting}` uses Fiber's default CORS config, which allows every origin (`*`): any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Pass cors.Config{AllowOrigins: …} with your front ends.")) @setting

; Options literals without any origin field, passed straight to the constructor: the
; libraries' default is every origin (rs/cors and go-chi/cors Options, Fiber cors.Config,
; Echo middleware.CORSConfig). A literal stored in a variable may get its origins later.
(call_expression
  arguments: (argument_list
    (composite_literal
      type: (qualified_type
        package: (package_identifier) @package
        name: (type_identifier) @type)
      body: (literal_value) @body) @setting)
  (#match? @package "((?i)cors|^middleware)$")
  (#any-of? @type "Options" "Config" "CORSConfig")
  (#not-match? @body "\\b(AllowedOrigins|AllowOrigins|AllowAllOrigins|AllowOriginFunc|AllowOriginRequestFunc|AllowOriginVaryRequestFunc|AllowOriginWithContextFunc|AllowOriginsFunc|UnsafeWildcardOriginWithAllowCredentials)\\b")
  (#set! message "`{setting}` sets no allowed origins, so the middleware falls back to every origin (`*`): any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Set the allowed origins to your exact front ends."))

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin: *
; w.Header().Set("Access-Control-Allow-Origin", "*"), .Add(…), gin c.Header(…), Fiber c.Set(…),
; c.Response().Header().Set(echo.HeaderAccessControlAllowOrigin, "*")
(argument_list
  .
  [(interpreted_string_literal) (selector_expression)] @name
  .
  (interpreted_string_literal (interpreted_string_literal_content) @value) @setting
  .
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|\\w+\\.HeaderAccessControlAllowOrigin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; w.Header()["Access-Control-Allow-Origin"] = []string{"*"}
(assignment_statement
  left: (expression_list . (index_expression index: (_) @name) .)
  right: (expression_list
    .
    (composite_literal
      body: (literal_value
        (literal_element
          (interpreted_string_literal (interpreted_string_literal_content) @value) @setting)))
    .)
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|\\w+\\.HeaderAccessControlAllowOrigin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; Access-Control-Allow-Origin set to the request's own Origin: r.Header.Get("Origin"),
; c.GetHeader("Origin"), c.Request().Header.Get(echo.HeaderOrigin), Fiber c.Get("Origin").
; A variable is left alone: it is usually checked against an allowlist first.
(argument_list
  .
  [(interpreted_string_literal) (selector_expression)] @name
  .
  [(call_expression) (index_expression)] @setting
  .
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|\\w+\\.HeaderAccessControlAllowOrigin)$")
  (#match? @setting "(?i)(\\b(Get|GetHeader|Header|Values)\\(\\s*(\"origin\"|\\w+\\.HeaderOrigin)\\s*\\)|Header\\[\\s*\"origin\"\\s*\\])")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; ---------------------------------------------------------------------------------
; @origin: strings given as allowed origins

; AllowedOrigins: []string{"…"}, AllowOrigins: "…, …" (Fiber)
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element
    (composite_literal
      body: (literal_value (literal_element (interpreted_string_literal) @origin))))
  (#any-of? @key "AllowedOrigins" "AllowOrigins"))
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element (interpreted_string_literal) @origin)
  (#any-of? @key "AllowedOrigins" "AllowOrigins"))

; config.AllowOrigins = []string{"…"}
(assignment_statement
  left: (expression_list . (selector_expression field: (field_identifier) @key) .)
  right: (expression_list
    .
    (composite_literal
      body: (literal_value (literal_element (interpreted_string_literal) @origin)))
    .)
  (#any-of? @key "AllowedOrigins" "AllowOrigins"))

; handlers.AllowedOrigins([]string{"…"})
(call_expression
  function: (selector_expression field: (field_identifier) @fn)
  arguments: (argument_list
    (composite_literal
      body: (literal_value (literal_element (interpreted_string_literal) @origin))))
  (#eq? @fn "AllowedOrigins"))

; Access-Control-Allow-Origin set to an exact origin
(argument_list
  .
  [(interpreted_string_literal) (selector_expression)] @name
  .
  (interpreted_string_literal) @origin
  .
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|\\w+\\.HeaderAccessControlAllowOrigin)$"))
