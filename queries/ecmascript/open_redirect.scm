; MUFI008 open-redirect, JavaScript and TypeScript (TypeScript-only wrappers such as
; `as string` and `!` are in typescript/open_redirect.scm).
;
; A request read is an expression starting with one of:
;   req.query.next, req.body.returnTo, req.params.path, req.query["next"], req.query?.next,
;   ctx.query.next, ctx.request.body.next (Koa), request.payload.next (Hapi),
;   searchParams.next / (await searchParams).next (Next.js page props), getQuery(event).next (h3),
;   c.req.query("next") (Hono), req.param("next") (Express 3/4), formData.get("redirectTo"),
;   searchParams.get("next"), req.nextUrl.searchParams.get("next"),
;   new URL(req.url).searchParams.get("next")
; (so req.query.next.toString() is one too). The member, subscript and call nodes are
; captured as `@request` and told apart by their text, with the regex that closes every
; pattern. Request headers (Referer) are not request reads here.
;
; A redirect target holding a request read, or a plain identifier (tainted in Rust by an
; `@assigned` match of the same function), is captured where it starts the URL: alone,
; `x || "/"`, `x ?? "/"`, `x + "?a=1"`, `"/" + x`, String(x), decodeURIComponent(x),
; new URL(x, req.url), `${x}…`, `/${x}…`. A value after a path (`/posts/${req.params.id}`,
; "/app/" + x) keeps the user on this site and is not captured.
; `@redirect` is the whole argument (the reported range), `@target` the read or identifier.
;
; Tree-sitter note: an alternation placed directly inside another alternation loses
; branches, so each shape lists its branches flat, with the captures on every branch.

; res.redirect(X), res.redirect(302, X), ctx.redirect(X), reply.redirect(X), c.redirect(X),
; NextResponse.redirect(X), Response.redirect(X), redirect(X) / permanentRedirect(X) (Next.js,
; Remix, SvelteKit `redirect(303, X)`), sendRedirect(event, X) (h3), res.location(X)
(call_expression
  function: [
    (identifier) @_sink
    (member_expression property: (property_identifier) @_sink)
  ]
  arguments: (arguments
    [
      ; X
      (member_expression) @request @target
      (subscript_expression) @request @target
      (call_expression) @request @target
      (identifier) @target
      ; X || "/", X ?? "/", X + "?welcome=1"
      (binary_expression left: [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
      ; "/" + X, "https://" + X
      (binary_expression
        left: (string) @_prefix
        operator: "+"
        right: [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
      ; String(X), decodeURIComponent(X), new URL(X, req.url), new URL(X ?? "/", req.url)
      (call_expression
        function: (identifier) @_conv
        arguments: (arguments
          .
          [
            (member_expression) @request @target
            (subscript_expression) @request @target
            (call_expression) @request @target
            (identifier) @target
            (binary_expression left: [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
          ]))
      (new_expression
        constructor: (identifier) @_conv
        arguments: (arguments
          .
          [
            (member_expression) @request @target
            (subscript_expression) @request @target
            (call_expression) @request @target
            (identifier) @target
            (binary_expression left: [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
          ]))
      ; `${X}?welcome=1`
      (template_string
        .
        (template_substitution [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target))
      ; `/${X}`, `https://${X}/done`
      (template_string
        .
        (string_fragment) @_prefix
        .
        (template_substitution [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target))
    ] @redirect)
  (#any-of? @_sink "redirect" "permanentRedirect" "sendRedirect" "location")
  (#match? @_prefix "^[\"']?(/{1,2}|https?://)?[\"']?$")
  (#any-of? @_conv "String" "decodeURIComponent" "decodeURI" "URL")
  (#match? @request "^((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)(\\?\\.|\\.|\\[)|(searchParams|\\(await searchParams\\))(\\?\\.|\\.)[A-Za-z_$]|(getQuery|getRouterParams)\\(event\\)(\\?\\.|\\.|\\[)|(req|request|ctx|ctx\\.request|c\\.req)\\.(query|param)\\(|formData\\.get\\(|(new URL\\([^()]*\\)\\.|[A-Za-z_$][A-Za-z0-9_$]*(\\??\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\??\\.)?searchParams\\.get\\()"))

; res.setHeader("Location", X), res.set("Location", X), ctx.set("Location", X),
; reply.header("location", X), headers.set("Location", X)
(call_expression
  function: (member_expression property: (property_identifier) @_setter)
  arguments: (arguments
    .
    (string) @_header
    .
    [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)
  (#any-of? @_setter "setHeader" "set" "header" "append")
  (#match? @_header "^[\"'][Ll]ocation[\"']$")
  (#match? @request "^((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)(\\?\\.|\\.|\\[)|(searchParams|\\(await searchParams\\))(\\?\\.|\\.)[A-Za-z_$]|(getQuery|getRouterParams)\\(event\\)(\\?\\.|\\.|\\[)|(req|request|ctx|ctx\\.request|c\\.req)\\.(query|param)\\(|formData\\.get\\(|(new URL\\([^()]*\\)\\.|[A-Za-z_$][A-Za-z0-9_$]*(\\??\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\??\\.)?searchParams\\.get\\()"))

; res.writeHead(302, { Location: X }) (a `location` key elsewhere is just data)
(call_expression
  function: (member_expression property: (property_identifier) @_write)
  arguments: (arguments
    (object
      (pair
        key: [(property_identifier) (string)] @_header
        value: [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target)))
  (#eq? @_write "writeHead")
  (#match? @_header "^[\"']?[Ll]ocation[\"']?$")
  (#match? @request "^((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)(\\?\\.|\\.|\\[)|(searchParams|\\(await searchParams\\))(\\?\\.|\\.)[A-Za-z_$]|(getQuery|getRouterParams)\\(event\\)(\\?\\.|\\.|\\[)|(req|request|ctx|ctx\\.request|c\\.req)\\.(query|param)\\(|formData\\.get\\(|(new URL\\([^()]*\\)\\.|[A-Za-z_$][A-Za-z0-9_$]*(\\??\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\??\\.)?searchParams\\.get\\()"))

; new Response(null, { status: 302, headers: { Location: X } })
(pair
  key: [(property_identifier) (string)] @_headers
  value: (object
    (pair
      key: [(property_identifier) (string)] @_header
      value: [(member_expression) @request (subscript_expression) @request (call_expression) @request (identifier)] @target))
  (#match? @_headers "^[\"']?headers[\"']?$")
  (#match? @_header "^[\"']?[Ll]ocation[\"']?$")
  (#match? @request "^((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)(\\?\\.|\\.|\\[)|(searchParams|\\(await searchParams\\))(\\?\\.|\\.)[A-Za-z_$]|(getQuery|getRouterParams)\\(event\\)(\\?\\.|\\.|\\[)|(req|request|ctx|ctx\\.request|c\\.req)\\.(query|param)\\(|formData\\.get\\(|(new URL\\([^()]*\\)\\.|[A-Za-z_$][A-Za-z0-9_$]*(\\??\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\??\\.)?searchParams\\.get\\()"))

; const next = req.query.next, let target = req.body.returnTo ?? "/",
; const next = String(req.query.next ?? "/"), const next = searchParams.get("next")
(variable_declarator
  name: (identifier) @assigned
  value: [
    (member_expression) @request
    (subscript_expression) @request
    (call_expression) @request
    (binary_expression left: [(member_expression) @request (subscript_expression) @request (call_expression) @request])
    (call_expression
      function: (identifier) @_conv
      arguments: (arguments
        .
        [
          (member_expression) @request
          (subscript_expression) @request
          (call_expression) @request
          (binary_expression left: [(member_expression) @request (subscript_expression) @request (call_expression) @request])
        ]))
  ]
  (#any-of? @_conv "String" "decodeURIComponent" "decodeURI")
  (#match? @request "^((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)(\\?\\.|\\.|\\[)|(searchParams|\\(await searchParams\\))(\\?\\.|\\.)[A-Za-z_$]|(getQuery|getRouterParams)\\(event\\)(\\?\\.|\\.|\\[)|(req|request|ctx|ctx\\.request|c\\.req)\\.(query|param)\\(|formData\\.get\\(|(new URL\\([^()]*\\)\\.|[A-Za-z_$][A-Za-z0-9_$]*(\\??\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\??\\.)?searchParams\\.get\\()"))

; next = req.query.next (a `let` declared earlier)
(assignment_expression
  left: (identifier) @assigned
  right: [
    (member_expression) @request
    (subscript_expression) @request
    (call_expression) @request
    (binary_expression left: [(member_expression) @request (subscript_expression) @request (call_expression) @request])
  ]
  (#match? @request "^((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)(\\?\\.|\\.|\\[)|(searchParams|\\(await searchParams\\))(\\?\\.|\\.)[A-Za-z_$]|(getQuery|getRouterParams)\\(event\\)(\\?\\.|\\.|\\[)|(req|request|ctx|ctx\\.request|c\\.req)\\.(query|param)\\(|formData\\.get\\(|(new URL\\([^()]*\\)\\.|[A-Za-z_$][A-Za-z0-9_$]*(\\??\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\??\\.)?searchParams\\.get\\()"))

; const { next } = req.query, const { returnTo = "/" } = req.body,
; const { redirect: target } = ctx.request.body, const { next } = await searchParams
(variable_declarator
  name: (object_pattern
    [
      (shorthand_property_identifier_pattern) @assigned
      (object_assignment_pattern left: (shorthand_property_identifier_pattern) @assigned)
      (pair_pattern value: (identifier) @assigned)
      (pair_pattern value: (assignment_pattern left: (identifier) @assigned))
    ])
  value: (_) @request
  (#match? @request "^(await\\s+)?((req|request|ctx|context|ctx\\.request|context\\.request|event|c\\.req)\\.(query|body|params|payload)|searchParams|getQuery\\(event\\)|c\\.req\\.query\\(\\))$"))
