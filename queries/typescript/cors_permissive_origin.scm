; MUFI006 cors-permissive-origin, TypeScript and TSX only (added to the ecmascript
; patterns): the request's Origin reflected through a type assertion.

; res.setHeader('Access-Control-Allow-Origin', req.headers.origin as string),
; headers.set('Access-Control-Allow-Origin', request.headers.get('origin')!)
(call_expression
  function: (_) @callee
  arguments: (arguments
    .
    (string (string_fragment) @name)
    .
    [(as_expression) (non_null_expression) (satisfies_expression)] @setting
    .)
  (#not-match? @callee "(^|\\.)(expect|assert\\w*|toHaveProperty|toHaveHeader|toBe\\w*|toEqual)$")
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(\\.headers?(\\.origin\\b|\\[\\s*['\"`]origin['\"`]\\s*\\]|\\.get\\(\\s*['\"`]origin['\"`]\\s*\\)|\\(\\s*['\"`]origin['\"`]\\s*\\))|\\.get\\(\\s*['\"`]origin['\"`]\\s*\\))")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(pair
  key: (string (string_fragment) @name)
  value: [(as_expression) (non_null_expression)] @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(\\.headers?(\\.origin\\b|\\[\\s*['\"`]origin['\"`]\\s*\\]|\\.get\\(\\s*['\"`]origin['\"`]\\s*\\)|\\(\\s*['\"`]origin['\"`]\\s*\\))|\\.get\\(\\s*['\"`]origin['\"`]\\s*\\))")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; const corsOptions = { origin: true } satisfies …, named for CORS
(variable_declarator
  name: (identifier) @name
  value: [
    (satisfies_expression
      (object
        (pair
          key: [(property_identifier) (string)] @key
          value: (true)) @setting))
    (as_expression
      (object
        (pair
          key: [(property_identifier) (string)] @key
          value: (true)) @setting))
  ]
  (#match? @name "(?i)cors")
  (#match? @key "^[\"']?origin[\"']?$")
  (#set! message "`{setting}` copies each request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are on): any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; const corsOptions = { origin: true } satisfies CorsOptions,
; const options: CorsOptions = { origin: true }: the type says it is CORS
(variable_declarator
  value: [
    (satisfies_expression
      (object
        (pair
          key: [(property_identifier) (string)] @key
          value: (true)) @setting)
      (_) @type)
    (as_expression
      (object
        (pair
          key: [(property_identifier) (string)] @key
          value: (true)) @setting)
      (_) @type)
  ]
  (#match? @type "(?i)cors")
  (#match? @key "^[\"']?origin[\"']?$")
  (#set! message "`{setting}` copies each request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are on): any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))
(variable_declarator
  type: (type_annotation) @type
  value: (object
    (pair
      key: [(property_identifier) (string)] @key
      value: (true)) @setting)
  (#match? @type "(?i)cors")
  (#match? @key "^[\"']?origin[\"']?$")
  (#set! message "`{setting}` copies each request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are on): any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))
