; MUFI006 cors-permissive-origin, Java (Spring MVC/WebFlux/Security, servlets, JAX-RS).
;
; `@setting` conventions (the message says which):
; - `@CrossOrigin`: the annotation;
; - a CORS builder or setter call: its `"*"` argument (`allowedOrigins("*")`), or the
;   method name when it takes none (`applyPermitDefaultValues()`);
; - an Access-Control-Allow-Origin header: its value (`"*"`, `request.getHeader("Origin")`).
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in
; production configuration.

; ---------------------------------------------------------------------------------
; @CrossOrigin without origins: every origin is allowed
(marker_annotation
  name: [(identifier) (scoped_identifier)] @name
  (#match? @name "(^|\\.)CrossOrigin$")
  (#set! message "`{setting}` without `origins` allows every origin: any website your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Give `origins` your exact front-end origins.")) @setting
(annotation
  name: [(identifier) (scoped_identifier)] @name
  arguments: (annotation_argument_list) @args
  (#match? @name "(^|\\.)CrossOrigin$")
  (#match? @args "^\\(\\s*(\\)|\\w+\\s*=)")
  (#not-match? @args "\\b(origins|value|originPatterns)\\s*=")
  (#set! message "`{setting}` without `origins` allows every origin: any website your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Give `origins` your exact front-end origins.")) @setting

; @CrossOrigin("*"), @CrossOrigin({"*"}), @CrossOrigin(origins = "*"),
; @CrossOrigin(originPatterns = {"*"})
(annotation
  name: [(identifier) (scoped_identifier)] @name
  arguments: (annotation_argument_list
    [
      (string_literal (string_fragment) @value)
      (element_value_array_initializer (string_literal (string_fragment) @value))
    ])
  (#match? @name "(^|\\.)CrossOrigin$")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Give `origins` your exact front-end origins.")) @setting
(annotation
  name: [(identifier) (scoped_identifier)] @name
  arguments: (annotation_argument_list
    (element_value_pair
      key: (identifier) @key
      value: [
        (string_literal (string_fragment) @value)
        (element_value_array_initializer (string_literal (string_fragment) @value))
      ]))
  (#match? @name "(^|\\.)CrossOrigin$")
  (#any-of? @key "origins" "value" "originPatterns")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Give `origins` your exact front-end origins.")) @setting

; ---------------------------------------------------------------------------------
; registry.addMapping("/**").allowedOrigins("*"), .allowedOriginPatterns("*"),
; config.addAllowedOrigin("*"), config.addAllowedOriginPattern("*"),
; headers.setAccessControlAllowOrigin("*")
(method_invocation
  name: (identifier) @value
  arguments: (argument_list (string_literal (string_fragment) @star) @setting)
  (#any-of? @value "allowedOrigins" "allowedOriginPatterns" "addAllowedOrigin" "addAllowedOriginPattern" "setAllowedOrigins" "setAllowedOriginPatterns" "setAccessControlAllowOrigin")
  (#eq? @star "*")
  (#set! message "`{value}(\"*\")` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; config.setAllowedOrigins(List.of("*")), Arrays.asList("*"), Collections.singletonList("*")
(method_invocation
  name: (identifier) @value
  arguments: (argument_list
    (method_invocation
      arguments: (argument_list (string_literal (string_fragment) @star) @setting)))
  (#any-of? @value "setAllowedOrigins" "setAllowedOriginPatterns" "allowedOrigins" "allowedOriginPatterns")
  (#eq? @star "*")
  (#set! message "`{value}` with `\"*\"` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; new CorsConfiguration().applyPermitDefaultValues(): allows every origin unless set before
(method_invocation
  name: (identifier) @setting
  arguments: (argument_list)
  (#eq? @setting "applyPermitDefaultValues")
  (#set! message "`applyPermitDefaultValues()` allows every origin (`*`) when no origins were set before it: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Call setAllowedOrigins with your exact front-end origins instead."))

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin: *
; response.setHeader("Access-Control-Allow-Origin", "*"), addHeader(…), headers.add(…),
; ResponseEntity.ok().header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*"), JAX-RS .header(…);
; not test assertions (MockMvc `header().string(name, value)`, WebTestClient `valueEquals`)
(method_invocation
  name: (identifier) @callee
  arguments: (argument_list
    .
    [(string_literal) (field_access) (identifier)] @name
    .
    (string_literal (string_fragment) @value) @setting
    .)
  (#not-any-of? @callee "string" "exists" "assertEquals" "assertThat" "isEqualTo" "expectHeader" "valueEquals")
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|((\\w+\\.)*ACCESS_CONTROL_ALLOW_ORIGIN))$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; Access-Control-Allow-Origin set to the request's own Origin: request.getHeader("Origin"),
; request.getHeader(HttpHeaders.ORIGIN), exchange.getRequest().getHeaders().getOrigin().
; A variable is left alone: it is usually checked against an allowlist first.
(method_invocation
  name: (identifier) @callee
  arguments: (argument_list
    .
    [(string_literal) (field_access) (identifier)] @name
    .
    (method_invocation) @setting
    .)
  (#not-any-of? @callee "string" "exists" "assertEquals" "assertThat" "isEqualTo" "expectHeader" "valueEquals")
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|((\\w+\\.)*ACCESS_CONTROL_ALLOW_ORIGIN))$")
  (#match? @setting "(\\b(getHeader|getHeaderString|getFirst|header)\\(\\s*(\"(?i:origin)\"|(\\w+\\.)*ORIGIN)\\s*\\)|getOrigin\\(\\s*\\))")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; ---------------------------------------------------------------------------------
; @origin: strings given as allowed origins

; allowedOrigins("…", "…"), addAllowedOrigin("…"), setAllowedOrigins(List.of("…"))
(method_invocation
  name: (identifier) @method
  arguments: (argument_list (string_literal) @origin)
  (#any-of? @method "allowedOrigins" "allowedOriginPatterns" "addAllowedOrigin" "addAllowedOriginPattern" "setAccessControlAllowOrigin"))
(method_invocation
  name: (identifier) @method
  arguments: (argument_list (method_invocation arguments: (argument_list (string_literal) @origin)))
  (#any-of? @method "setAllowedOrigins" "setAllowedOriginPatterns" "allowedOrigins" "allowedOriginPatterns"))

; @CrossOrigin(origins = "…"), @CrossOrigin({"…", "…"})
(annotation
  name: [(identifier) (scoped_identifier)] @name
  arguments: (annotation_argument_list
    [
      (string_literal) @origin
      (element_value_array_initializer (string_literal) @origin)
    ])
  (#match? @name "(^|\\.)CrossOrigin$"))
(annotation
  name: [(identifier) (scoped_identifier)] @name
  arguments: (annotation_argument_list
    (element_value_pair
      key: (identifier) @key
      value: [
        (string_literal) @origin
        (element_value_array_initializer (string_literal) @origin)
      ]))
  (#match? @name "(^|\\.)CrossOrigin$")
  (#any-of? @key "origins" "value" "originPatterns"))

; Access-Control-Allow-Origin set to an exact origin
(method_invocation
  name: (identifier) @callee
  arguments: (argument_list
    .
    [(string_literal) (field_access) (identifier)] @name
    .
    (string_literal) @origin
    .)
  (#not-any-of? @callee "string" "exists" "assertEquals" "assertThat" "isEqualTo" "expectHeader" "valueEquals")
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|((\\w+\\.)*ACCESS_CONTROL_ALLOW_ORIGIN))$"))
