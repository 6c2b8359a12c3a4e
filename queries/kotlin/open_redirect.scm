; MUFI008 open-redirect, Kotlin: Spring MVC, servlets, Ktor.
;
; A request read is an expression starting with request.getParameter("url") (also req,
; httpRequest), call.request.queryParameters["next"], call.parameters["next"] or
; call.receiveParameters()["next"] (Ktor): call and index nodes captured as `@request` and
; told apart by their text, with the regex that closes every pattern. Also a function
; parameter annotated @RequestParam, @QueryParam or @FormParam, captured as `@assigned` (its
; name) with `@request` (the parameter): Rust follows it to a redirect of that name in the
; same function.
;
; A redirect target holding a request read, or a plain identifier (tainted by an
; `@assigned` match), is captured where it starts the URL: alone, `x!!`, `x ?: "/"`,
; `x + "?a=1"`, `"/" + x`, "${x}…", "/${x}…". "redirect:" + x, "redirect:${x}" and
; "redirect:$x" are Spring view names. The grammar leaves `$x` as plain string contents
; (`$`, then `x` and whatever text follows), so "$x" is matched only as the whole tail of
; "redirect:$x": "redirect:$x?a=1" and respondRedirect("$x") are not.
; `@redirect` is the whole argument or string (the reported range), `@target` the read or
; identifier.
;
; Tree-sitter note: an alternation placed directly inside another alternation loses
; branches, so each shape lists its branches flat, with the captures on every branch.

; "redirect:" + next, "redirect:" + next + "?from=login"
(binary_expression
  left: (string_literal) @_spring
  right: [(call_expression) @request (index_expression) @request (identifier)] @target
  (#match? @_spring "^\"redirect:(/{1,2}|https?://)?\"$")
  (#match? @request "^((request|req|httpRequest|servletRequest)\\.getParameter\\(|call\\.(request\\.(queryParameters|rawQueryParameters)|parameters|receiveParameters\\(\\))\\[)")) @redirect

; "redirect:${next}", "redirect:${call.parameters["next"]}"
(string_literal
  .
  (string_content) @_spring
  .
  (interpolation [(call_expression) @request (index_expression) @request (identifier)] @target)
  (#match? @_spring "^redirect:(/{1,2}|https?://)?$")
  (#match? @request "^((request|req|httpRequest|servletRequest)\\.getParameter\\(|call\\.(request\\.(queryParameters|rawQueryParameters)|parameters|receiveParameters\\(\\))\\[)")) @redirect

; "redirect:$next"
(string_literal
  .
  (string_content) @_spring
  .
  (string_content) @_dollar
  .
  (string_content) @target
  .
  (#match? @_spring "^redirect:(/{1,2}|https?://)?$")
  (#eq? @_dollar "$")
  (#match? @target "^[A-Za-z_][A-Za-z0-9_]*$")) @redirect

; response.sendRedirect(X), call.respondRedirect(X), RedirectView(X),
; call.respondRedirect(url = X, permanent = false)
(call_expression
  [
    (identifier) @_sink
    (navigation_expression (identifier) @_sink .)
  ]
  (value_arguments
    .
    (value_argument
      [
        (call_expression) @request @target
        (index_expression) @request @target
        (identifier) @target
        ; X!!
        (unary_expression argument: [(call_expression) @request (index_expression) @request (identifier)] @target)
        ; X ?: "/", X + "?welcome=1", X!! + "?welcome=1"
        (binary_expression left: [(call_expression) @request (index_expression) @request (identifier)] @target)
        (binary_expression left: (unary_expression argument: [(call_expression) @request (index_expression) @request (identifier)] @target))
        ; "/" + X
        (binary_expression
          left: (string_literal) @_prefix
          right: [(call_expression) @request (index_expression) @request (identifier)] @target)
        ; "${X}?welcome=1", "/${X}"
        (string_literal . (interpolation [(call_expression) @request (index_expression) @request (identifier)] @target))
        (string_literal . (string_content) @_prefix_content . (interpolation [(call_expression) @request (index_expression) @request (identifier)] @target))
      ] @redirect
      .))
  (#any-of? @_sink "sendRedirect" "respondRedirect" "RedirectView" "encodeRedirectURL")
  (#match? @_prefix "^\"(/{1,2}|https?://)?\"$")
  (#match? @_prefix_content "^(/{1,2}|https?://)$")
  (#match? @request "^((request|req|httpRequest|servletRequest)\\.getParameter\\(|call\\.(request\\.(queryParameters|rawQueryParameters)|parameters|receiveParameters\\(\\))\\[)"))

; ResponseEntity.status(FOUND).location(URI.create(X)), 
; ServerResponse.temporaryRedirect(URI(X)), Response.seeOther(URI.create(X)) (JAX-RS)
(call_expression
  (navigation_expression (identifier) @_sink .)
  (value_arguments
    .
    (value_argument
      [
        (call_expression
          (identifier) @_uri
          (value_arguments . (value_argument [(call_expression) @request (index_expression) @request (identifier)] @target .)))
        (call_expression
          (navigation_expression (identifier) @_uri . (identifier) @_create .)
          (value_arguments . (value_argument [(call_expression) @request (index_expression) @request (identifier)] @target .)))
      ] @redirect))
  (#any-of? @_sink "location" "setLocation" "seeOther" "temporaryRedirect" "permanentRedirect")
  (#eq? @_uri "URI")
  (#eq? @_create "create")
  (#match? @request "^((request|req|httpRequest|servletRequest)\\.getParameter\\(|call\\.(request\\.(queryParameters|rawQueryParameters)|parameters|receiveParameters\\(\\))\\[)"))

; response.setHeader("Location", X), call.response.header(HttpHeaders.Location, X)
(call_expression
  (navigation_expression (identifier) @_setter .)
  (value_arguments
    .
    (value_argument [(string_literal) (navigation_expression)] @_name)
    .
    (value_argument
      [
        (call_expression) @request @target
        (index_expression) @request @target
        (identifier) @target
        (unary_expression argument: [(call_expression) @request (index_expression) @request (identifier)] @target)
      ]))
  (#any-of? @_setter "setHeader" "addHeader" "header" "append")
  (#match? @_name "^(\"[Ll]ocation\"|HttpHeaders\.Location)$")
  (#match? @request "^((request|req|httpRequest|servletRequest)\\.getParameter\\(|call\\.(request\\.(queryParameters|rawQueryParameters)|parameters|receiveParameters\\(\\))\\[)"))

; @RequestParam next: String, @RequestParam(required = false) next: String?,
; @QueryParam("next") next: String
(function_value_parameters
  (parameter_modifiers
    [
      (annotation (user_type (identifier) @_annotation))
      (annotation (constructor_invocation (user_type (identifier) @_annotation)))
    ])
  .
  (parameter . (identifier) @assigned) @request
  (#any-of? @_annotation "RequestParam" "QueryParam" "FormParam"))

; val next = call.request.queryParameters["next"], val next = call.parameters["next"] ?: "/",
; val url = request.getParameter("url")!!
(property_declaration
  (variable_declaration . (identifier) @assigned)
  [
    (call_expression) @request
    (index_expression) @request
    (binary_expression left: [(call_expression) @request (index_expression) @request])
    (unary_expression argument: [(call_expression) @request (index_expression) @request])
  ]
  (#match? @request "^((request|req|httpRequest|servletRequest)\\.getParameter\\(|call\\.(request\\.(queryParameters|rawQueryParameters)|parameters|receiveParameters\\(\\))\\[)"))
