; MUFI008 open-redirect, Go: net/http, gin, echo, fiber, chi, gorilla/mux.
;
; A request read is an expression starting with one of:
;   r.URL.Query().Get("next"), r.FormValue("next"), r.PostFormValue(..), r.Form.Get(..),
;   r.URL.Query()["next"][0], r.Form["next"][0], mux.Vars(r)["next"], chi.URLParam(r, "next"),
;   c.Query("next"), c.DefaultQuery(..), c.PostForm(..), c.Param(..) (gin, fiber),
;   c.QueryParam("next"), c.FormValue(..) (echo), c.Request.URL.Query().Get(..).
; (Call and index nodes captured as `@request`, told apart by their text with the regex
; that closes every pattern.) Headers (Referer) are not request reads here.
;
; A redirect target holding a request read, or a plain identifier (tainted in Rust by an
; `@assigned` match of the same function), is captured where it starts the URL: alone,
; `x + "?a=1"`, `"/" + x`, fmt.Sprintf("%s…", x). A value after a path ("/posts/" + x,
; fmt.Sprintf("/posts/%s", x)) stays on this site.
; `@redirect` is the whole argument (the reported range), `@target` the read or identifier.
;
; Tree-sitter note: an alternation placed directly inside another alternation loses
; branches, so each shape lists its branches flat, with the captures on every branch.

; http.Redirect(w, r, X, http.StatusFound): the third argument
(call_expression
  function: (selector_expression
    operand: (identifier) @_pkg
    field: (field_identifier) @_sink)
  arguments: (argument_list
    .
    (_)
    .
    (_)
    .
    [
      (call_expression) @request @target
      (index_expression) @request @target
      (identifier) @target
      ; X + "?welcome=1"
      (binary_expression left: [(call_expression) @request (index_expression) @request (identifier)] @target operator: "+")
      ; "/" + X, "https://" + X
      (binary_expression
        left: [(interpreted_string_literal) (raw_string_literal)] @_prefix
        operator: "+"
        right: [(call_expression) @request (index_expression) @request (identifier)] @target)
      ; fmt.Sprintf("%s?welcome=1", X)
      (call_expression
        function: (selector_expression field: (field_identifier) @_sprintf)
        arguments: (argument_list
          .
          (interpreted_string_literal) @_format
          .
          [(call_expression) @request (index_expression) @request (identifier)] @target))
    ] @redirect)
  (#eq? @_pkg "http")
  (#eq? @_sink "Redirect")
  (#match? @_prefix "^[\"`](/{1,2}|https?://)?[\"`]$")
  (#eq? @_sprintf "Sprintf")
  (#match? @_format "^\"(/{1,2}|https?://)?%[sv]")
  (#match? @request "^((r|req|request|c\\.Request|ctx\\.Request)\\.(FormValue|PostFormValue|URL\\.Query\\(\\)\\.Get|Form\\.Get|PostForm\\.Get)\\(|(r|req|request|c\\.Request|ctx\\.Request)\\.(URL\\.Query\\(\\)|Form|PostForm)\\[|mux\\.Vars\\((r|req|request)\\)\\[|(c|ctx|e)\\.(Query|DefaultQuery|GetQuery|PostForm|DefaultPostForm|GetPostForm|QueryParam|FormValue|Param|Params)\\(|chi\\.URLParam\\()"))

; c.Redirect(http.StatusFound, X) (gin, echo), c.Redirect(X) and c.Redirect(X, 302) (fiber)
(call_expression
  function: (selector_expression
    operand: (_) @_pkg
    field: (field_identifier) @_sink)
  arguments: (argument_list
    [
      (call_expression) @request @target
      (index_expression) @request @target
      (identifier) @target
      ; X + "?welcome=1"
      (binary_expression left: [(call_expression) @request (index_expression) @request (identifier)] @target operator: "+")
      ; "/" + X, "https://" + X
      (binary_expression
        left: [(interpreted_string_literal) (raw_string_literal)] @_prefix
        operator: "+"
        right: [(call_expression) @request (index_expression) @request (identifier)] @target)
      ; fmt.Sprintf("%s?welcome=1", X)
      (call_expression
        function: (selector_expression field: (field_identifier) @_sprintf)
        arguments: (argument_list
          .
          (interpreted_string_literal) @_format
          .
          [(call_expression) @request (index_expression) @request (identifier)] @target))
    ] @redirect)
  (#not-eq? @_pkg "http")
  (#eq? @_sink "Redirect")
  (#match? @_prefix "^[\"`](/{1,2}|https?://)?[\"`]$")
  (#eq? @_sprintf "Sprintf")
  (#match? @_format "^\"(/{1,2}|https?://)?%[sv]")
  (#match? @request "^((r|req|request|c\\.Request|ctx\\.Request)\\.(FormValue|PostFormValue|URL\\.Query\\(\\)\\.Get|Form\\.Get|PostForm\\.Get)\\(|(r|req|request|c\\.Request|ctx\\.Request)\\.(URL\\.Query\\(\\)|Form|PostForm)\\[|mux\\.Vars\\((r|req|request)\\)\\[|(c|ctx|e)\\.(Query|DefaultQuery|GetQuery|PostForm|DefaultPostForm|GetPostForm|QueryParam|FormValue|Param|Params)\\(|chi\\.URLParam\\()"))

; w.Header().Set("Location", X), c.Header("Location", X), c.Set("Location", X)
(call_expression
  function: (selector_expression field: (field_identifier) @_setter)
  arguments: (argument_list
    .
    (interpreted_string_literal) @_header
    .
    [(call_expression) @request (index_expression) @request (identifier)] @target)
  (#any-of? @_setter "Set" "Add" "Header")
  (#match? @_header "^\"[Ll]ocation\"$")
  (#match? @request "^((r|req|request|c\\.Request|ctx\\.Request)\\.(FormValue|PostFormValue|URL\\.Query\\(\\)\\.Get|Form\\.Get|PostForm\\.Get)\\(|(r|req|request|c\\.Request|ctx\\.Request)\\.(URL\\.Query\\(\\)|Form|PostForm)\\[|mux\\.Vars\\((r|req|request)\\)\\[|(c|ctx|e)\\.(Query|DefaultQuery|GetQuery|PostForm|DefaultPostForm|GetPostForm|QueryParam|FormValue|Param|Params)\\(|chi\\.URLParam\\()"))

; next := r.URL.Query().Get("next"), next, ok := c.GetQuery("next")
(short_var_declaration
  left: (expression_list . (identifier) @assigned)
  right: (expression_list . [(call_expression) @request (index_expression) @request])
  (#match? @request "^((r|req|request|c\\.Request|ctx\\.Request)\\.(FormValue|PostFormValue|URL\\.Query\\(\\)\\.Get|Form\\.Get|PostForm\\.Get)\\(|(r|req|request|c\\.Request|ctx\\.Request)\\.(URL\\.Query\\(\\)|Form|PostForm)\\[|mux\\.Vars\\((r|req|request)\\)\\[|(c|ctx|e)\\.(Query|DefaultQuery|GetQuery|PostForm|DefaultPostForm|GetPostForm|QueryParam|FormValue|Param|Params)\\(|chi\\.URLParam\\()"))

; var next = r.FormValue("next")
(var_spec
  name: (identifier) @assigned
  value: (expression_list . [(call_expression) @request (index_expression) @request])
  (#match? @request "^((r|req|request|c\\.Request|ctx\\.Request)\\.(FormValue|PostFormValue|URL\\.Query\\(\\)\\.Get|Form\\.Get|PostForm\\.Get)\\(|(r|req|request|c\\.Request|ctx\\.Request)\\.(URL\\.Query\\(\\)|Form|PostForm)\\[|mux\\.Vars\\((r|req|request)\\)\\[|(c|ctx|e)\\.(Query|DefaultQuery|GetQuery|PostForm|DefaultPostForm|GetPostForm|QueryParam|FormValue|Param|Params)\\(|chi\\.URLParam\\()"))

; next = c.Query("next") (declared earlier)
(assignment_statement
  left: (expression_list . (identifier) @assigned)
  right: (expression_list . [(call_expression) @request (index_expression) @request])
  (#match? @request "^((r|req|request|c\\.Request|ctx\\.Request)\\.(FormValue|PostFormValue|URL\\.Query\\(\\)\\.Get|Form\\.Get|PostForm\\.Get)\\(|(r|req|request|c\\.Request|ctx\\.Request)\\.(URL\\.Query\\(\\)|Form|PostForm)\\[|mux\\.Vars\\((r|req|request)\\)\\[|(c|ctx|e)\\.(Query|DefaultQuery|GetQuery|PostForm|DefaultPostForm|GetPostForm|QueryParam|FormValue|Param|Params)\\(|chi\\.URLParam\\()"))
