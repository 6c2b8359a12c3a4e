; MUFI008 open-redirect, TypeScript and TSX only: the request reads and identifiers of
; ecmascript/open_redirect.scm (see there) behind `as string`, `!` or `satisfies`, which the
; JavaScript grammar has no nodes for. Plain shapes are matched there, so nothing here
; matches twice. (No alternation directly inside another one: tree-sitter drops branches
; of those.)

; res.redirect(req.query.next as string), redirect(searchParams.get("next")!),
; NextResponse.redirect(new URL(searchParams.get("next")!, req.url)),
; redirect((searchParams.get("next") as string) ?? "/")
(call_expression
  function: [
    (identifier) @_sink
    (member_expression property: (property_identifier) @_sink)
  ]
  arguments: (arguments
    [
      ; X as string, X!
      (as_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
      (non_null_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
      (satisfies_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
      ; (X as string) || "/", X! ?? "/"
      (binary_expression
        left: [
          (parenthesized_expression (as_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target))
          (non_null_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
        ])
      ; new URL(X!, req.url), String(X as string)
      (new_expression
        constructor: (identifier) @_conv
        arguments: (arguments
          .
          [
            (as_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
            (non_null_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
          ]))
      (call_expression
        function: (identifier) @_conv
        arguments: (arguments
          .
          [
            (as_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
            (non_null_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
          ]))
    ] @redirect)
  (#any-of? @_sink "redirect" "permanentRedirect" "sendRedirect" "location")
  (#any-of? @_conv "String" "decodeURIComponent" "decodeURI" "URL")
  (#match? @request "^((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)(\\?\\.|\\.|\\[)|(searchParams|\\(await searchParams\\))(\\?\\.|\\.)[A-Za-z_$]|(getQuery|getRouterParams)\\(event\\)(\\?\\.|\\.|\\[)|(req|request|ctx|ctx\\.request|c\\.req)\\.(query|param)\\(|formData\\.get\\(|(new URL\\([^()]*\\)\\.|[A-Za-z_$][A-Za-z0-9_$]*(\\??\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\??\\.)?searchParams\\.get\\()"))

; const next = req.query.next as string, const redirectTo = formData.get("redirectTo") as string,
; const next = searchParams.get("next")!, const next = (req.query.next as string) ?? "/"
(variable_declarator
  name: (identifier) @assigned
  value: [
    (as_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request])
    (non_null_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request])
    (binary_expression
      left: [
        (parenthesized_expression (as_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request]))
        (non_null_expression . [(member_expression) @request (subscript_expression) @request (call_expression) @request])
      ])
  ]
  (#match? @request "^((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)(\\?\\.|\\.|\\[)|(searchParams|\\(await searchParams\\))(\\?\\.|\\.)[A-Za-z_$]|(getQuery|getRouterParams)\\(event\\)(\\?\\.|\\.|\\[)|(req|request|ctx|ctx\\.request|c\\.req)\\.(query|param)\\(|formData\\.get\\(|(new URL\\([^()]*\\)\\.|[A-Za-z_$][A-Za-z0-9_$]*(\\??\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\??\\.)?searchParams\\.get\\()"))

; const { next } = req.query as { next?: string }
(variable_declarator
  name: (object_pattern
    [
      (shorthand_property_identifier_pattern) @assigned
      (object_assignment_pattern left: (shorthand_property_identifier_pattern) @assigned)
      (pair_pattern value: (identifier) @assigned)
    ])
  value: (as_expression . (_) @request)
  (#match? @request "^(await\\s+)?((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)|searchParams|getQuery\\(event\\)|c\\.req\\.query\\(\\))$"))

; NestJS: @Query('next') next: string, @Body('returnTo') returnTo?: string
(required_parameter
  decorator: (decorator (call_expression function: (identifier) @_decorator))
  pattern: (identifier) @assigned
  (#any-of? @_decorator "Query" "Body")) @request
(optional_parameter
  decorator: (decorator (call_expression function: (identifier) @_decorator))
  pattern: (identifier) @assigned
  (#any-of? @_decorator "Query" "Body")) @request
