; MUFI008 open-redirect, Python: Flask, Django, FastAPI/Starlette, Pyramid, Tornado, Falcon.
;
; A request read is an expression starting with one of:
;   request.args.get("next"), request.args["next"], request.form.get(..), request.values.get(..),
;   request.GET.get(..), request.POST["next"], request.REQUEST.get(..) (Django),
;   request.query_params.get(..) (Starlette, DRF), request.data.get(..) (DRF),
;   request.params.get("came_from") (Pyramid), request.query.next (Bottle, aiohttp),
;   self.get_argument("next") (Tornado), req.get_param("next") (Falcon).
; The attribute, subscript and call nodes are captured as `@request` and told apart by
; their text, with the regex that closes every pattern. A FastAPI route parameter
; (`def login(next: str)`) is not taken as a request read: nothing in the function says
; where it comes from.
;
; A redirect target holding a request read, or a plain identifier (tainted in Rust by an
; `@assigned` match of the same function), is captured where it starts the URL: alone,
; `x or "/"`, `x + "?a=1"`, `"/" + x`, str(x), unquote(x), f"{x}…", f"/{x}…". A value
; after a path (f"/posts/{x}", "/app/" + x, url_for("post", id=x)) stays on this site.
; `@redirect` is the whole argument (the reported range), `@target` the read or identifier.
;
; Tree-sitter note: an alternation placed directly inside another alternation loses
; branches, so each shape lists its branches flat, with the captures on every branch.

; redirect(X) (Flask, Django; also imported as django_redirect), HttpResponseRedirect(X),
; HttpResponsePermanentRedirect(X), RedirectResponse(X) (Starlette/FastAPI), HTTPFound(X)
; (Pyramid), self.redirect(X) (Tornado): the first positional argument (Django's redirect()
; takes view arguments after it)
(call
  function: [
    (identifier) @_sink
    (attribute attribute: (identifier) @_sink)
  ]
  arguments: (argument_list
    .
    [
      (attribute) @request @target
      (subscript) @request @target
      (call) @request @target
      (identifier) @target
      ; X or url_for("index"), X + "?welcome=1"
      (boolean_operator left: [(attribute) @request (subscript) @request (call) @request (identifier)] @target)
      (binary_operator left: [(attribute) @request (subscript) @request (call) @request (identifier)] @target)
      ; "/" + X, "https://" + X
      (binary_operator
        left: (string) @_prefix
        operator: "+"
        right: [(attribute) @request (subscript) @request (call) @request (identifier)] @target)
      ; str(X), unquote(X)
      (call
        function: [(identifier) @_conv (attribute attribute: (identifier) @_conv)]
        arguments: (argument_list . [(attribute) @request (subscript) @request (call) @request (identifier)] @target))
      ; f"{X}?welcome=1"
      (string
        .
        (string_start)
        .
        (interpolation expression: [(attribute) @request (subscript) @request (call) @request (identifier)] @target))
      ; f"/{X}", f"https://{X}/done"
      (string
        .
        (string_start)
        .
        (string_content) @_prefix
        .
        (interpolation expression: [(attribute) @request (subscript) @request (call) @request (identifier)] @target))
    ] @redirect)
  (#match? @_sink "^(redirect|[a-z_]+_redirect|HttpResponseRedirect|HttpResponsePermanentRedirect|RedirectResponse|HTTPFound|HTTPSeeOther|HTTPTemporaryRedirect|HTTPMovedPermanently)$")
  (#match? @_prefix "^[rRbBuUfF]*[\"']{0,3}(/{1,2}|https?://)?[\"']{0,3}$")
  (#any-of? @_conv "str" "unquote" "unquote_plus")
  (#match? @request "^((request|req|self\\.request)\\.(args|form|values|GET|POST|REQUEST|query_params|path_params|query|params|data|json)(\\.|\\[)|self\\.get_(query_|body_)?argument\\(|req\\.get_param\\()"))

; RedirectResponse(url=X), redirect(location=X), redirect(to=X), HTTPFound(location=X)
(call
  function: [
    (identifier) @_sink
    (attribute attribute: (identifier) @_sink)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: [
        (attribute) @request @target
        (subscript) @request @target
        (call) @request @target
        (identifier) @target
        ; X or url_for("index"), X + "?welcome=1"
        (boolean_operator left: [(attribute) @request (subscript) @request (call) @request (identifier)] @target)
        (binary_operator left: [(attribute) @request (subscript) @request (call) @request (identifier)] @target)
        ; "/" + X, "https://" + X
        (binary_operator
          left: (string) @_prefix
          operator: "+"
          right: [(attribute) @request (subscript) @request (call) @request (identifier)] @target)
        ; str(X), unquote(X)
        (call
          function: [(identifier) @_conv (attribute attribute: (identifier) @_conv)]
          arguments: (argument_list . [(attribute) @request (subscript) @request (call) @request (identifier)] @target))
        ; f"{X}?welcome=1"
        (string
          .
          (string_start)
          .
          (interpolation expression: [(attribute) @request (subscript) @request (call) @request (identifier)] @target))
        ; f"/{X}", f"https://{X}/done"
        (string
          .
          (string_start)
          .
          (string_content) @_prefix
          .
          (interpolation expression: [(attribute) @request (subscript) @request (call) @request (identifier)] @target))
      ] @redirect))
  (#match? @_sink "^(redirect|[a-z_]+_redirect|HttpResponseRedirect|HttpResponsePermanentRedirect|RedirectResponse|HTTPFound|HTTPSeeOther|HTTPTemporaryRedirect|HTTPMovedPermanently)$")
  (#any-of? @_keyword "url" "location" "to")
  (#match? @_prefix "^[rRbBuUfF]*[\"']{0,3}(/{1,2}|https?://)?[\"']{0,3}$")
  (#any-of? @_conv "str" "unquote" "unquote_plus")
  (#match? @request "^((request|req|self\\.request)\\.(args|form|values|GET|POST|REQUEST|query_params|path_params|query|params|data|json)(\\.|\\[)|self\\.get_(query_|body_)?argument\\(|req\\.get_param\\()"))

; response["Location"] = X (Django), response.headers["Location"] = X (Flask, Starlette)
(assignment
  left: (subscript
    subscript: (string) @_header)
  right: [(attribute) @request (subscript) @request (call) @request (identifier)] @target
  (#match? @_header "^[\"'][Ll]ocation[\"']$")
  (#match? @request "^((request|req|self\\.request)\\.(args|form|values|GET|POST|REQUEST|query_params|path_params|query|params|data|json)(\\.|\\[)|self\\.get_(query_|body_)?argument\\(|req\\.get_param\\()"))

; next_url = request.args.get("next"), target = request.GET.get("next") or "/",
; next_url = str(request.POST["next"])
(assignment
  left: (identifier) @assigned
  right: [
    (attribute) @request
    (subscript) @request
    (call) @request
    (boolean_operator left: [(attribute) @request (subscript) @request (call) @request])
    (call
      function: (identifier) @_conv
      arguments: (argument_list . [(attribute) @request (subscript) @request (call) @request]))
  ]
  (#any-of? @_conv "str" "unquote" "unquote_plus")
  (#match? @request "^((request|req|self\\.request)\\.(args|form|values|GET|POST|REQUEST|query_params|path_params|query|params|data|json)(\\.|\\[)|self\\.get_(query_|body_)?argument\\(|req\\.get_param\\()"))

; if next_url := request.args.get("next"):
(named_expression
  name: (identifier) @assigned
  value: [
    (attribute) @request
    (subscript) @request
    (call) @request
    (boolean_operator left: [(attribute) @request (subscript) @request (call) @request])
  ]
  (#match? @request "^((request|req|self\\.request)\\.(args|form|values|GET|POST|REQUEST|query_params|path_params|query|params|data|json)(\\.|\\[)|self\\.get_(query_|body_)?argument\\(|req\\.get_param\\()"))

; FastAPI: next: str = Query("/"), return_to: str = Form(...): bound from the request
(typed_default_parameter
  name: (identifier) @assigned
  value: (call function: (identifier) @_binder) @request
  (#any-of? @_binder "Query" "Form"))

; FastAPI: next: Annotated[str, Query()] = "/"
(typed_default_parameter
  name: (identifier) @assigned
  type: (type (generic_type (identifier) @_annotated (type_parameter (type (call function: (identifier) @_binder) @request))))
  (#eq? @_annotated "Annotated")
  (#any-of? @_binder "Query" "Form"))
(typed_parameter
  (identifier) @assigned
  type: (type (generic_type (identifier) @_annotated (type_parameter (type (call function: (identifier) @_binder) @request))))
  (#eq? @_annotated "Annotated")
  (#any-of? @_binder "Query" "Form"))
