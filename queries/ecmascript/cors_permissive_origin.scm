; MUFI006 cors-permissive-origin, JavaScript and TypeScript (Express/cors, Hono, Elysia,
; NestJS, Fastify @fastify/cors, Socket.IO, Node/Koa/Next/Workers response headers,
; next.config.js `headers()`).
;
; `@setting` conventions (the message says which):
; - a middleware call that allows every origin by default: the call (`cors()`);
; - an options key that allows every origin: the `origin: …` pair;
; - an Access-Control-Allow-Origin header: its value (`'*'`, `req.headers.origin`).
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in
; production configuration.

; ---------------------------------------------------------------------------------
; Middleware with no origin option: cors(), Hono/Elysia cors(), @koa/cors (reflects the
; request's Origin), Nest app.enableCors(); the usual import aliases (honoCors, …) too

(call_expression
  function: [
    (identifier) @fn
    (member_expression property: (property_identifier) @fn)
  ]
  arguments: (arguments) @args
  (#any-of? @fn "cors" "enableCors" "honoCors" "elysiaCors" "koaCors" "expressCors" "corsMiddleware")
  (#match? @args "^\\(\\s*\\)$")
  (#set! message "`{setting}` has no `origin` option, so it allows every origin (`Access-Control-Allow-Origin: *`): any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Pass `origin` with your exact front-end origins.")) @setting

; cors({ credentials: true, methods: [...] }): options, but no `origin` key (the
; default is `*`); objects with a spread may set it elsewhere and are left alone
(call_expression
  function: [
    (identifier) @fn
    (member_expression property: (property_identifier) @fn)
  ]
  arguments: (arguments . (object) @options .)
  (#any-of? @fn "cors" "enableCors" "honoCors" "elysiaCors" "koaCors" "expressCors" "corsMiddleware")
  (#not-match? @options "\\borigin\\b")
  (#not-match? @options "\\.\\.\\.")
  (#set! message "`{setting}` sets no `origin`, so it allows every origin (`Access-Control-Allow-Origin: *`): any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Add `origin` with your exact front-end origins.")) @setting

; Fastify: fastify.register(cors) / register(require('@fastify/cors')): the default
; origin is `*`
(call_expression
  function: (member_expression property: (property_identifier) @method)
  arguments: (arguments . [(identifier) (call_expression) (await_expression)] @plugin .)
  (#eq? @method "register")
  (#match? @plugin "^(cors|fastifyCors|FastifyCors|(await )?(require|import)\\(['\"]@fastify/cors['\"]\\))$")
  (#set! message "`{setting}` registers @fastify/cors without an `origin` option, so it allows every origin (`Access-Control-Allow-Origin: *`): any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Pass `{ origin: [...] }` with your exact front-end origins.")) @setting

; fastify.register(cors, { methods: [...] }) without `origin`
(call_expression
  function: (member_expression property: (property_identifier) @method)
  arguments: (arguments . [(identifier) (call_expression) (await_expression)] @plugin . (object) @options .)
  (#eq? @method "register")
  (#match? @plugin "^(cors|fastifyCors|FastifyCors|(await )?(require|import)\\(['\"]@fastify/cors['\"]\\))$")
  (#not-match? @options "\\borigin\\b")
  (#not-match? @options "\\.\\.\\.")
  (#set! message "`{setting}` registers @fastify/cors without an `origin` option, so it allows every origin (`Access-Control-Allow-Origin: *`): any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Add `origin` with your exact front-end origins.")) @setting

; NestFactory.create(AppModule, { cors: true }): Nest's default CORS allows every origin
(call_expression
  function: (member_expression object: (identifier) @factory property: (property_identifier) @method)
  arguments: (arguments
    (object
      (pair
        key: [(property_identifier) (string)] @key
        value: (true)) @setting))
  (#eq? @factory "NestFactory")
  (#eq? @method "create")
  (#match? @key "^[\"']?cors[\"']?$")
  (#set! message "`{setting}` turns on Nest's default CORS, which allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Use `cors: { origin: [...] }` with your exact front-end origins."))

; ---------------------------------------------------------------------------------
; Options keys that allow every origin

; { origin: '*' } (cors, Hono, @fastify/cors, Socket.IO `cors`, Apollo), allowOrigins: '*'
(pair
  key: [(property_identifier) (string)] @key
  value: (string (string_fragment) @value)
  (#match? @key "^[\"']?(origin|origins|allowOrigin|allowOrigins|allowedOrigin|allowedOrigins|allowed_origins|allow_origins|corsOrigin|corsOrigins)[\"']?$")
  (#eq? @value "*")
  (#set! message "`{setting}` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting

; { origin: ['*'] }, { origin: ['https://shop.acme.io', '*'] }
(pair
  key: [(property_identifier) (string)] @key
  value: (array (string (string_fragment) @value))
  (#match? @key "^[\"']?(origin|origins|allowOrigin|allowOrigins|allowedOrigin|allowedOrigins|allowed_origins|allow_origins|corsOrigin|corsOrigins)[\"']?$")
  (#eq? @value "*")
  (#set! message "`{setting}` lists `*`, which allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Keep only your exact front-end origins.")) @setting

; { origin: process.env.CORS_ORIGIN || '*' }: every origin whenever the variable is unset
(pair
  key: [(property_identifier) (string)] @key
  value: (binary_expression
    right: (string (string_fragment) @value))
  (#match? @key "^[\"']?(origin|origins|allowOrigin|allowOrigins|allowedOrigin|allowedOrigins|corsOrigin|corsOrigins)[\"']?$")
  (#eq? @value "*")
  (#set! message "`{setting}` falls back to `*`, so every origin is allowed whenever the setting is missing: any website your users open could then call this API from their browser and read the answers your server builds with its Mufi key. Fail closed: fall back to your production origin, or to none.")) @setting

; { origin: /.*/ }: a pattern every origin matches
(pair
  key: [(property_identifier) (string)] @key
  value: (regex pattern: (regex_pattern) @value)
  (#match? @key "^[\"']?(origin|origins|allowOrigin|allowOrigins|allowedOrigin|allowedOrigins)[\"']?$")
  (#match? @value "^\\^?\\.[*+]\\$?$")
  (#set! message "`{setting}` matches every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead.")) @setting

; { origin: (origin, callback) => callback(null, true) }: a callback that never checks
(pair
  key: [(property_identifier) (string)] @key
  value: (arrow_function
    body: (call_expression
      arguments: (arguments . (null) . (true) .)))
  (#match? @key "^[\"']?origin[\"']?$")
  (#set! message "`{setting}` accepts every origin without looking at it, which allows every website: any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. Check the origin against an allowlist of your front-end origins.")) @setting
(pair
  key: [(property_identifier) (string)] @key
  value: [(arrow_function) (function_expression)] @callback
  (#match? @key "^[\"']?origin[\"']?$")
  (#match? @callback "^(async\\s+)?(function\\s*\\w*\\s*)?\\(\\s*\\w+\\s*,\\s*\\w+\\s*\\)\\s*(=>\\s*)?\\{(\\s|//[^\\n]*)*(return\\s+)?\\w+\\(\\s*null\\s*,\\s*true\\s*\\)\\s*;?\\s*\\}$")
  (#set! message "`{setting}` accepts every origin without looking at it, which allows every website: any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. Check the origin against an allowlist of your front-end origins.")) @setting

; { origin: true } reflects the request's Origin: in cors()/enableCors() options ...
(call_expression
  function: [
    (identifier) @fn
    (member_expression property: (property_identifier) @fn)
  ]
  arguments: (arguments
    (object
      (pair
        key: [(property_identifier) (string)] @key
        value: (true)) @setting))
  (#any-of? @fn "cors" "enableCors" "honoCors" "elysiaCors" "koaCors" "expressCors" "corsMiddleware")
  (#match? @key "^[\"']?origin[\"']?$")
  (#set! message "`{setting}` copies each request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are on): any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; ... in fastify.register(cors, { origin: true }) ...
(call_expression
  function: (member_expression property: (property_identifier) @method)
  arguments: (arguments
    .
    (_) @plugin
    .
    (object
      (pair
        key: [(property_identifier) (string)] @key
        value: (true)) @setting))
  (#eq? @method "register")
  (#match? @plugin "(?i)cors")
  (#match? @key "^[\"']?origin[\"']?$")
  (#set! message "`{setting}` copies each request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are on): any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; ... in a `cors: { origin: true }` section (Socket.IO, Apollo, NestFactory) ...
(pair
  key: [(property_identifier) (string)] @section
  value: (object
    (pair
      key: [(property_identifier) (string)] @key
      value: (true)) @setting)
  (#match? @section "^[\"']?(cors|corsOptions)[\"']?$")
  (#match? @key "^[\"']?origin[\"']?$")
  (#set! message "`{setting}` copies each request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are on): any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; ... and in options built separately: const corsOptions = { origin: true }
(variable_declarator
  name: (identifier) @name
  value: (object
    (pair
      key: [(property_identifier) (string)] @key
      value: (true)) @setting)
  (#match? @name "(?i)cors")
  (#match? @key "^[\"']?origin[\"']?$")
  (#set! message "`{setting}` copies each request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are on): any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin: *

; res.setHeader('Access-Control-Allow-Origin', '*'), res.header(…), res.set(…),
; res.append(…), reply.header(…), c.header(…), ctx.set(…), headers.set(…),
; headers.append(…), new Headers([['Access-Control-Allow-Origin', '*']]); not test
; assertions (supertest `.expect(name, value)`, Jest `toHaveProperty(name, value)`)
(call_expression
  function: (_) @callee
  arguments: (arguments
    .
    (string (string_fragment) @name)
    .
    (string (string_fragment) @value) @setting
    .)
  (#not-match? @callee "(^|\\.)(expect|assert\\w*|toHaveProperty|toHaveHeader|toBe\\w*|toEqual)$")
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))
(array
  .
  (string (string_fragment) @name)
  .
  (string (string_fragment) @value) @setting
  .
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; { 'Access-Control-Allow-Origin': '*' } in res.writeHead(), res.set({…}), new Headers({…}),
; new Response(body, { headers: {…} }), NextResponse.json(data, { headers: {…} })
(pair
  key: (string (string_fragment) @name)
  value: (string (string_fragment) @value) @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; next.config.js headers(): { key: 'Access-Control-Allow-Origin', value: '*' }
; The `value` pair; the `key` pair naming the header, before or after it, is found by
; `declared::sibling`: a pattern of two sibling pairs would try every pair of pairs of
; the object (a large config object, on every keystroke in it).
(pair
  key: [(property_identifier) (string)] @value_key
  value: (string (string_fragment) @value) @setting
  (#match? @value_key "^[\"']?value[\"']?$")
  (#eq? @value "*")
  (#set! sibling.key "^[\"']?key[\"']?$")
  (#set! sibling.value "^[\"'](?i:access-control-allow-origin)[\"']$")
  (#set! message "`Access-Control-Allow-Origin: *` in these headers lets any website your users open call these routes from their browser and read the answers your server builds with its Mufi key. Set your exact front-end origin instead.")) @pair

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin set to the request's own Origin: req.headers.origin,
; req.headers['origin'], req.header('Origin'), req.get('origin'),
; request.headers.get('origin'), c.req.header('origin'), event.headers.Origin
; (also with a fallback: req.headers.origin || '*'). A variable is left alone: it is
; usually checked against an allowlist first.

(call_expression
  function: (_) @callee
  arguments: (arguments
    .
    (string (string_fragment) @name)
    .
    [(member_expression) (subscript_expression) (call_expression) (binary_expression)] @setting
    .)
  (#not-match? @callee "(^|\\.)(expect|assert\\w*|toHaveProperty|toHaveHeader|toBe\\w*|toEqual)$")
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(\\.headers?(\\.origin\\b|\\[\\s*['\"`]origin['\"`]\\s*\\]|\\.get\\(\\s*['\"`]origin['\"`]\\s*\\)|\\(\\s*['\"`]origin['\"`]\\s*\\))|\\.get\\(\\s*['\"`]origin['\"`]\\s*\\))")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(pair
  key: (string (string_fragment) @name)
  value: [(member_expression) (subscript_expression) (call_expression) (binary_expression)] @setting
  (#match? @name "^(?i:access-control-allow-origin)$")
  (#match? @setting "(?i)(\\.headers?(\\.origin\\b|\\[\\s*['\"`]origin['\"`]\\s*\\]|\\.get\\(\\s*['\"`]origin['\"`]\\s*\\)|\\(\\s*['\"`]origin['\"`]\\s*\\))|\\.get\\(\\s*['\"`]origin['\"`]\\s*\\))")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; ---------------------------------------------------------------------------------
; @origin: strings given as allowed origins (localhost ones are flagged in production
; configuration: config/production.js, a `production: { … }` section)

; { origin: 'http://localhost:3000' }, { allowedOrigins: ['…', '…'] }
(pair
  key: [(property_identifier) (string)] @key
  value: (string) @origin
  (#match? @key "^[\"']?(?i:origins?|allow_?origins?|allowed_?origins?|cors_?origins?|cors_?allowed_?origins?|allowed_?origin_?patterns?|client_?origins?|frontend_?origins?)[\"']?$"))
(pair
  key: [(property_identifier) (string)] @key
  value: (array (string) @origin)
  (#match? @key "^[\"']?(?i:origins?|allow_?origins?|allowed_?origins?|cors_?origins?|cors_?allowed_?origins?|allowed_?origin_?patterns?|client_?origins?|frontend_?origins?)[\"']?$"))

; const allowedOrigins = ['https://shop.acme.io', 'http://localhost:3000']
(variable_declarator
  name: (identifier) @name
  value: [(string) @origin (array (string) @origin)]
  (#match? @name "(?i)^(allowed_?|allow_?|cors_?|trusted_?|whitelisted_?|client_?|frontend_?)*origins?(_?(list|allowlist|whitelist))?$"))

; origins per environment: const ALLOWED_ORIGINS = { production: ['…'] },
; allowedOrigins: { production: '…' }
(variable_declarator
  name: (identifier) @name
  value: (object
    (pair
      value: [(string) @origin (array (string) @origin)]))
  (#match? @name "(?i)^(allowed_?|allow_?|cors_?|trusted_?|whitelisted_?|client_?|frontend_?)*origins?(_?(list|allowlist|whitelist|by_?env))?$"))
(pair
  key: [(property_identifier) (string)] @key
  value: (object
    (pair
      value: [(string) @origin (array (string) @origin)]))
  (#match? @key "^[\"']?(?i:origins?|allow_?origins?|allowed_?origins?|cors_?origins?|cors_?allowed_?origins?)[\"']?$"))

; Access-Control-Allow-Origin set to an exact origin
(arguments
  .
  (string (string_fragment) @name)
  .
  (string) @origin
  .
  (#match? @name "^(?i:access-control-allow-origin)$"))
(pair
  key: (string (string_fragment) @name)
  value: (string) @origin
  (#match? @name "^(?i:access-control-allow-origin)$"))
