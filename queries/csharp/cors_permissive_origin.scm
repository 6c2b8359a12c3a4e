; MUFI006 cors-permissive-origin, C# (ASP.NET Core CORS policies, ASP.NET Web API 2
; [EnableCors], hand-set headers).
;
; `@setting` conventions (the message says which):
; - a policy builder call: the argument that allows every origin (`"*"`, `_ => true`), or
;   the method name when it takes none (`AllowAnyOrigin`);
; - Web API 2 `[EnableCors]`: the `"*"` origins argument;
; - an Access-Control-Allow-Origin header: its value (`"*"`, `Request.Headers["Origin"]`).
; `@origin` captures strings given as allowed origins; Rust flags localhost ones in
; production configuration (appsettings.Production.json is read by the JSON query).

; ---------------------------------------------------------------------------------
; policy.AllowAnyOrigin()
(invocation_expression
  function: (member_access_expression name: (identifier) @setting)
  arguments: (argument_list)
  (#eq? @setting "AllowAnyOrigin")
  (#set! message "`AllowAnyOrigin()` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. Use WithOrigins(...) with your exact front-end origins instead."))

; policy.SetIsOriginAllowed(_ => true), SetIsOriginAllowed(origin => { return true; })
(invocation_expression
  function: (member_access_expression name: (identifier) @fn)
  arguments: (argument_list
    (argument
      (lambda_expression
        body: [
          (boolean_literal) @value
          (block . (return_statement (boolean_literal) @value) .)
        ]) @setting))
  (#eq? @fn "SetIsOriginAllowed")
  (#eq? @value "true")
  (#set! message "`SetIsOriginAllowed({setting})` accepts every origin without looking at it, which allows every website (with credentials, too): any site your users open can call this API from their browser and read the answers your server builds with its Mufi key. Check the origin against your front-end origins, or use WithOrigins(...)."))

; policy.WithOrigins("*")
(invocation_expression
  function: (member_access_expression name: (identifier) @fn)
  arguments: (argument_list
    (argument (string_literal (string_literal_content) @value) @setting))
  (#eq? @fn "WithOrigins")
  (#eq? @value "*")
  (#set! message "`WithOrigins(\"*\")` allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; ---------------------------------------------------------------------------------
; ASP.NET Web API 2: [EnableCors(origins: "*", headers: "*", methods: "*")],
; [EnableCors("*", "*", "*")], new EnableCorsAttribute("*", "*", "*")
(attribute
  name: (_) @name
  (attribute_argument_list
    (attribute_argument
      name: (identifier) @key
      (string_literal (string_literal_content) @value) @setting))
  (#match? @name "(^|\\.)EnableCors(Attribute)?$")
  (#eq? @key "origins")
  (#eq? @value "*")
  (#set! message "`origins: \"*\"` in [EnableCors] allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))
(attribute
  name: (_) @name
  (attribute_argument_list
    .
    (attribute_argument . (string_literal (string_literal_content) @value) @setting .)
    .
    (attribute_argument))
  (#match? @name "(^|\\.)EnableCors(Attribute)?$")
  (#eq? @value "*")
  (#set! message "`\"*\"` as the origins of [EnableCors] allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))
(object_creation_expression
  type: (_) @name
  arguments: (argument_list
    .
    (argument (string_literal (string_literal_content) @value) @setting)
    .
    (argument))
  (#match? @name "(^|\\.)EnableCorsAttribute$")
  (#eq? @value "*")
  (#set! message "`\"*\"` as the origins of EnableCorsAttribute allows every origin: any website your users open can call this API from their browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; ---------------------------------------------------------------------------------
; Access-Control-Allow-Origin: *
; Response.Headers.Add("Access-Control-Allow-Origin", "*"), .Append(…), .TryAdd(…),
; Response.AppendHeader(…), Headers.Append(HeaderNames.AccessControlAllowOrigin, "*")
(argument_list
  .
  (argument [(string_literal) (member_access_expression) (identifier)] @name)
  .
  (argument (string_literal (string_literal_content) @value) @setting)
  .
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|(\\w+\\.)*AccessControlAllowOrigin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; Response.Headers["Access-Control-Allow-Origin"] = "*", Headers[HeaderNames.AccessControlAllowOrigin] = "*"
(assignment_expression
  left: (element_access_expression
    subscript: (bracketed_argument_list . (argument (_) @name) .))
  right: (string_literal (string_literal_content) @value) @setting
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|(\\w+\\.)*AccessControlAllowOrigin)$")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; Response.Headers.AccessControlAllowOrigin = "*" (ASP.NET Core 7+ typed headers)
(assignment_expression
  left: (member_access_expression name: (identifier) @name)
  right: (string_literal (string_literal_content) @value) @setting
  (#eq? @name "AccessControlAllowOrigin")
  (#eq? @value "*")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call this endpoint from their browser and read the answers your server builds with its Mufi key. Send back only an origin you have checked against an allowlist of your front ends."))

; Access-Control-Allow-Origin set to the request's own Origin: Request.Headers["Origin"],
; Request.Headers[HeaderNames.Origin], Request.Headers.Origin.
; A variable is left alone: it is usually checked against an allowlist first.
(argument_list
  .
  (argument [(string_literal) (member_access_expression) (identifier)] @name)
  .
  (argument [(element_access_expression) (member_access_expression) (invocation_expression) (binary_expression)] @setting)
  .
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|(\\w+\\.)*AccessControlAllowOrigin)$")
  (#match? @setting "(Headers\\s*\\[\\s*(\"(?i:origin)\"|(\\w+\\.)*Origin)\\s*\\]|Headers\\.Origin\\b|GetValues\\(\\s*\"(?i:origin)\"\\s*\\))")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))
(assignment_expression
  left: [
    (element_access_expression
      subscript: (bracketed_argument_list . (argument (_) @name) .))
    (member_access_expression name: (identifier) @name)
  ]
  right: [(element_access_expression) (member_access_expression) (invocation_expression) (binary_expression)] @setting
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|(\\w+\\.)*AccessControlAllowOrigin)$")
  (#match? @setting "(Headers\\s*\\[\\s*(\"(?i:origin)\"|(\\w+\\.)*Origin)\\s*\\]|Headers\\.Origin\\b|GetValues\\(\\s*\"(?i:origin)\"\\s*\\))")
  (#set! message "`{setting}` copies the request's Origin into Access-Control-Allow-Origin, which allows every website (with cookies, when credentials are allowed): any site your users open can call this endpoint from their browser and read the answers your server builds with its Mufi key. Send the origin back only after checking it against an allowlist."))

; ---------------------------------------------------------------------------------
; @origin: strings given as allowed origins

; policy.WithOrigins("…", "…"), WithOrigins(new[] { "…" })
(invocation_expression
  function: (member_access_expression name: (identifier) @fn)
  arguments: (argument_list
    (argument [
      (string_literal) @origin
      (implicit_array_creation_expression (initializer_expression (string_literal) @origin))
      (array_creation_expression (initializer_expression (string_literal) @origin))
    ]))
  (#eq? @fn "WithOrigins"))

; [EnableCors(origins: "…")]
(attribute
  name: (_) @name
  (attribute_argument_list
    (attribute_argument
      name: (identifier) @key
      (string_literal) @origin))
  (#match? @name "(^|\\.)EnableCors(Attribute)?$")
  (#eq? @key "origins"))

; Access-Control-Allow-Origin set to an exact origin
(argument_list
  .
  (argument [(string_literal) (member_access_expression) (identifier)] @name)
  .
  (argument (string_literal) @origin)
  .
  (#match? @name "^(\"(?i:access-control-allow-origin)\"|(\\w+\\.)*AccessControlAllowOrigin)$"))
