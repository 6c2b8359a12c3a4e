; MUFI008 open-redirect, Java: Spring MVC and WebFlux, servlets, JAX-RS.
;
; A request read is a method call starting with request.getParameter("url") (also req,
; httpRequest, servletRequest), request.getQueryParams().getFirst("next") or
; serverRequest.queryParam("next"), captured as `@request` and told apart by its text with
; the regex that closes every pattern. Also a method parameter annotated @RequestParam,
; @QueryParam or @FormParam, captured as `@assigned` (the parameter's name) with `@request`
; (the whole parameter): Rust follows it to a redirect of that name in the same method.
; @PathVariable values cannot hold a `/` and are not taken.
;
; A redirect target holding a request read, or a plain identifier (tainted by an
; `@assigned` match), is captured where it starts the URL: alone, `x + "?a=1"`, `"/" + x`,
; URLDecoder.decode(x, …). "redirect:" + x is the Spring view name.
; `@redirect` is the whole argument or string (the reported range), `@target` the read or
; identifier.
;
; Tree-sitter note: an alternation placed directly inside another alternation loses
; branches, so each shape lists its branches flat, with the captures on every branch.

; return "redirect:" + next; new ModelAndView("redirect:" + next),
; "redirect:" + next + "?from=login"
(binary_expression
  left: (string_literal) @_spring
  operator: "+"
  right: [(method_invocation) @request (identifier)] @target
  (#match? @_spring "^\"redirect:(/{1,2}|https?://)?\"$")
  (#match? @request "^((request|req|httpRequest|servletRequest|httpServletRequest)\\.getParameter\\(|(request|exchange\\.getRequest\\(\\))\\.getQueryParams\\(\\)\\.getFirst\\(|serverRequest\\.queryParam\\()")) @redirect

; return String.format("redirect:%s", next)
(method_invocation
  object: (identifier) @_string
  name: (identifier) @_format
  arguments: (argument_list
    .
    (string_literal) @_spring
    .
    [(method_invocation) @request (identifier)] @target)
  (#eq? @_string "String")
  (#eq? @_format "format")
  (#match? @_spring "^\"redirect:(/{1,2}|https?://)?%s")
  (#match? @request "^((request|req|httpRequest|servletRequest|httpServletRequest)\\.getParameter\\(|(request|exchange\\.getRequest\\(\\))\\.getQueryParams\\(\\)\\.getFirst\\(|serverRequest\\.queryParam\\()")) @redirect

; response.sendRedirect(X), response.encodeRedirectURL(X) (servlets)
(method_invocation
  name: (identifier) @_sink
  arguments: (argument_list
    .
    [
      (method_invocation) @request @target
      (identifier) @target
      ; X + "?welcome=1"
      (binary_expression left: [(method_invocation) @request (identifier)] @target operator: "+")
      ; "/" + X, "https://" + X
      (binary_expression
        left: (string_literal) @_prefix
        operator: "+"
        right: [(method_invocation) @request (identifier)] @target)
      ; URLDecoder.decode(X, UTF_8)
      (method_invocation
        name: (identifier) @_conv
        arguments: (argument_list . [(method_invocation) @request (identifier)] @target))
    ] @redirect)
  (#any-of? @_sink "sendRedirect" "encodeRedirectURL")
  (#match? @_prefix "^\"(/{1,2}|https?://)?\"$")
  (#any-of? @_conv "decode" "valueOf" "trim" "strip")
  (#match? @request "^((request|req|httpRequest|servletRequest|httpServletRequest)\\.getParameter\\(|(request|exchange\\.getRequest\\(\\))\\.getQueryParams\\(\\)\\.getFirst\\(|serverRequest\\.queryParam\\()"))

; new RedirectView(X), new RedirectView(X, true)
(object_creation_expression
  type: (type_identifier) @_sink
  arguments: (argument_list
    .
    [
      (method_invocation) @request @target
      (identifier) @target
      ; X + "?welcome=1"
      (binary_expression left: [(method_invocation) @request (identifier)] @target operator: "+")
      ; "/" + X, "https://" + X
      (binary_expression
        left: (string_literal) @_prefix
        operator: "+"
        right: [(method_invocation) @request (identifier)] @target)
      ; URLDecoder.decode(X, UTF_8)
      (method_invocation
        name: (identifier) @_conv
        arguments: (argument_list . [(method_invocation) @request (identifier)] @target))
    ] @redirect)
  (#eq? @_sink "RedirectView")
  (#match? @_prefix "^\"(/{1,2}|https?://)?\"$")
  (#any-of? @_conv "decode" "valueOf" "trim" "strip")
  (#match? @request "^((request|req|httpRequest|servletRequest|httpServletRequest)\\.getParameter\\(|(request|exchange\\.getRequest\\(\\))\\.getQueryParams\\(\\)\\.getFirst\\(|serverRequest\\.queryParam\\()"))

; ResponseEntity.status(FOUND).location(URI.create(X)), headers.setLocation(URI.create(X)),
; Response.seeOther(URI.create(X)) / temporaryRedirect(new URI(X)) (JAX-RS)
(method_invocation
  name: (identifier) @_sink
  arguments: (argument_list
    .
    [
      (method_invocation
        object: (identifier) @_uri
        name: (identifier) @_create
        arguments: (argument_list . [(method_invocation) @request (identifier)] @target))
      (object_creation_expression
        type: (type_identifier) @_uri
        arguments: (argument_list . [(method_invocation) @request (identifier)] @target))
      ; URI.create(next == null ? "/" : next): a fallback, not a check
      (method_invocation
        object: (identifier) @_uri
        name: (identifier) @_create
        arguments: (argument_list . (ternary_expression alternative: (identifier) @target)))
      (method_invocation
        object: (identifier) @_uri
        name: (identifier) @_create
        arguments: (argument_list . (ternary_expression consequence: (identifier) @target)))
    ] @redirect)
  (#any-of? @_sink "location" "setLocation" "seeOther" "temporaryRedirect")
  (#eq? @_uri "URI")
  (#eq? @_create "create")
  (#match? @request "^((request|req|httpRequest|servletRequest|httpServletRequest)\\.getParameter\\(|(request|exchange\\.getRequest\\(\\))\\.getQueryParams\\(\\)\\.getFirst\\(|serverRequest\\.queryParam\\()"))

; response.setHeader("Location", X), response.addHeader("Location", X)
(method_invocation
  name: (identifier) @_setter
  arguments: (argument_list
    .
    (string_literal) @_name
    .
    [(method_invocation) @request (identifier)] @target)
  (#any-of? @_setter "setHeader" "addHeader")
  (#match? @_name "^\"[Ll]ocation\"$")
  (#match? @request "^((request|req|httpRequest|servletRequest|httpServletRequest)\\.getParameter\\(|(request|exchange\\.getRequest\\(\\))\\.getQueryParams\\(\\)\\.getFirst\\(|serverRequest\\.queryParam\\()"))

; @RequestParam String next, @RequestParam(value = "next", required = false) String next,
; @QueryParam("next") String next (JAX-RS)
(formal_parameter
  (modifiers
    [
      (annotation name: (identifier) @_annotation)
      (marker_annotation name: (identifier) @_annotation)
    ])
  name: (identifier) @assigned
  (#any-of? @_annotation "RequestParam" "QueryParam" "FormParam")) @request

; String next = request.getParameter("next"); var next = request.getParameter("next");
(local_variable_declaration
  declarator: (variable_declarator
    name: (identifier) @assigned
    value: [(method_invocation) @request])
  (#match? @request "^((request|req|httpRequest|servletRequest|httpServletRequest)\\.getParameter\\(|(request|exchange\\.getRequest\\(\\))\\.getQueryParams\\(\\)\\.getFirst\\(|serverRequest\\.queryParam\\()"))

; next = request.getParameter("next");
(assignment_expression
  left: (identifier) @assigned
  right: [(method_invocation) @request]
  (#match? @request "^((request|req|httpRequest|servletRequest|httpServletRequest)\\.getParameter\\(|(request|exchange\\.getRequest\\(\\))\\.getQueryParams\\(\\)\\.getFirst\\(|serverRequest\\.queryParam\\()"))
