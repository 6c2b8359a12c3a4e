; MUFI006 cors-permissive-origin, PHP (header(), Laravel config/cors.php and responses,
; Symfony HttpFoundation, PSR-7 withHeader).
;
; `@setting` conventions (the message says which):
; - `header('Access-Control-Allow-Origin: …')`: the argument;
; - a (name, value) header call or `'Access-Control-Allow-Origin' => …` entry: the value;
; - Laravel `'allowed_origins' => ['*']`: the `'*'` element.
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in
; production configuration.

; ---------------------------------------------------------------------------------
; header('Access-Control-Allow-Origin: *')
(function_call_expression
  function: (name) @fn
  arguments: (arguments . (argument [(string) (encapsed_string)] @setting))
  (#eq? @fn "header")
  (#match? @setting "^[\"']\\s*(?i:access-control-allow-origin)\\s*:\\s*\\*\\s*[\"']$")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']),
; header("Access-Control-Allow-Origin: {$_SERVER['HTTP_ORIGIN']}")
(function_call_expression
  function: (name) @fn
  arguments: (arguments . (argument [(binary_expression) (encapsed_string)] @setting))
  (#eq? @fn "header")
  (#match? @setting "^[\"']\\s*(?i:access-control-allow-origin)\\s*:")
  (#match? @setting "(HTTP_ORIGIN|(?i)(->header|->headers->get|getHeaderLine)\\(\\s*['\"]origin['\"])")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; $response->header('Access-Control-Allow-Origin', '*') (Laravel),
; $response->headers->set(…) (Symfony), $response->withHeader(…) (PSR-7); not test
; assertions ($response->assertHeader(name, value))
(member_call_expression
  name: (name) @callee
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @name)
    .
    (argument [(string) (encapsed_string)] @setting))
  (#not-match? @callee "^assert")
  (#match? @name "^[\"'](?i:access-control-allow-origin)[\"']$")
  (#match? @setting "^[\"']\\*[\"']$")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; ['Access-Control-Allow-Origin' => '*'] in response()->json(…, 200, [...]), withHeaders([...])
(array_element_initializer
  .
  [(string) (encapsed_string)] @name
  .
  [(string) (encapsed_string)] @setting
  .
  (#match? @name "^[\"'](?i:access-control-allow-origin)[\"']$")
  (#match? @setting "^[\"']\\*[\"']$")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; The request's own Origin as the value: $request->header('Origin'),
; $request->headers->get('Origin'), $_SERVER['HTTP_ORIGIN'], $request->getHeaderLine('Origin').
; A variable is left alone: it is usually checked against an allowlist first.
(member_call_expression
  name: (name) @callee
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @name)
    .
    (argument [(member_call_expression) (subscript_expression) (binary_expression) (function_call_expression)] @setting))
  (#not-match? @callee "^assert")
  (#match? @name "^[\"'](?i:access-control-allow-origin)[\"']$")
  (#match? @setting "(HTTP_ORIGIN|(?i)(->header|->headers->get|getHeaderLine|getHeader)\\(\\s*['\"]origin['\"])")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(array_element_initializer
  .
  [(string) (encapsed_string)] @name
  .
  [(member_call_expression) (subscript_expression) (binary_expression) (function_call_expression)] @setting
  .
  (#match? @name "^[\"'](?i:access-control-allow-origin)[\"']$")
  (#match? @setting "(HTTP_ORIGIN|(?i)(->header|->headers->get|getHeaderLine|getHeader)\\(\\s*['\"]origin['\"])")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; ---------------------------------------------------------------------------------
; Laravel config/cors.php (and fruitcake/laravel-cors): 'allowed_origins' => ['*'],
; 'allowed_origins_patterns' => ['.*']
(array_element_initializer
  .
  [(string) (encapsed_string)] @key
  .
  (array_creation_expression
    (array_element_initializer . [(string) (encapsed_string)] @setting .))
  .
  (#match? @key "^[\"'](allowed_origins|allowedOrigins|allow_origin|origins)[\"']$")
  (#match? @setting "^[\"']\\*[\"']$")
  (#set! message "`'*'` in the allowed origins lets every website call this API from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead (from env, per environment)."))
(array_element_initializer
  .
  [(string) (encapsed_string)] @key
  .
  (array_creation_expression
    (array_element_initializer . [(string) (encapsed_string)] @setting .))
  .
  (#match? @key "^[\"'](allowed_origins_patterns|allowedOriginsPatterns)[\"']$")
  (#match? @setting "^[\"'][#/~]?\\^?\\.[*+]\\$?[#/~]?[\"']$")
  (#set! message "`{setting}` in the allowed origin patterns matches every origin, so every website can call this API from the browser and read the answers your server builds with its Mufi key. Use exact origins, or patterns anchored to your own domain."))

; ---------------------------------------------------------------------------------
; @origin: strings given as allowed origins

; 'allowed_origins' => ['…', '…'], 'allowed_origins' => '…'
(array_element_initializer
  .
  [(string) (encapsed_string)] @key
  .
  (array_creation_expression
    (array_element_initializer . [(string) (encapsed_string)] @origin .))
  .
  (#match? @key "^[\"'](?i:allowed_?origins?|allow_?origins?|origins?|cors_?origins?|cors_?allowed_?origins?)[\"']$"))
(array_element_initializer
  .
  [(string) (encapsed_string)] @key
  .
  [(string) (encapsed_string)] @origin
  .
  (#match? @key "^[\"'](?i:allowed_?origins?|allow_?origins?|origins?|cors_?origins?|cors_?allowed_?origins?|access-control-allow-origin)[\"']$"))

; header('Access-Control-Allow-Origin: https://…'), ->header('Access-Control-Allow-Origin', '…')
(function_call_expression
  function: (name) @fn
  arguments: (arguments . (argument [(string) (encapsed_string)] @origin))
  (#eq? @fn "header")
  (#match? @origin "^[\"']\\s*(?i:access-control-allow-origin)\\s*:"))
(member_call_expression
  name: (name) @callee
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @name)
    .
    (argument [(string) (encapsed_string)] @origin))
  (#not-match? @callee "^assert")
  (#match? @name "^[\"'](?i:access-control-allow-origin)[\"']$"))

; $config['allowed_origins'] = ['…'] (CodeIgniter-style config files)
(assignment_expression
  left: (subscript_expression . (_) . [(string) (encapsed_string)] @key .)
  right: [
    [(string) (encapsed_string)] @origin
    (array_creation_expression
      (array_element_initializer . [(string) (encapsed_string)] @origin .))
  ]
  (#match? @key "^[\"'](?i:allowed_?origins?|allow_?origins?|origins?|cors_?origins?|cors_?allowed_?origins?)[\"']$"))
