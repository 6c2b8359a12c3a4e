; MUFI008 open-redirect, PHP: plain PHP, Laravel, Symfony, Slim (PSR-7), WordPress.
;
; A request read is an expression starting with one of:
;   $_GET['url'], $_POST[..], $_REQUEST[..], filter_input(INPUT_GET, 'url'),
;   $request->input('next'), $request->query('next'), $request->get(..), $request->post(..),
;   $request->next, request('next'), request()->input(..), Request::input(..), Input::get(..)
;   (Laravel), $request->query->get('next'), $request->request->get(..) (Symfony),
;   $request->getQueryParams()['next'], $request->getParsedBody()[..] (PSR-7).
; The node kinds that can hold one are captured as `@request` and told apart by their
; text, with the regex that closes every pattern.
;
; A redirect target holding a request read, or a variable (tainted in Rust by an
; `@assigned` match of the same function or script), is captured where it starts the URL:
; alone, `$x ?? '/'`, `$x . '?a=1'`, `'/' . $x`, "{$x}…", "/$x…", urldecode($x), (string) $x.
; In `header()` the string before it is `Location:`. A value after a path
; ('/posts/' . $x, "Location: /posts/$x") stays on this site.
; `@redirect` is the whole argument (the reported range), `@target` the read or variable.
;
; Tree-sitter note: an alternation placed directly inside another alternation loses
; branches, so each shape lists its branches flat, with the captures on every branch.

; header('Location: ' . X), header("Location: {$X}"), header("Location: $url"),
; header('Location: ' . X . '&from=login'), header(sprintf('Location: %s', X))
(function_call_expression
  function: (name) @_header
  arguments: (arguments
    .
    (argument
      [
        (binary_expression
          left: [(string) (encapsed_string)] @_location
          operator: "."
          right: [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)
        (binary_expression
          left: (binary_expression
            left: [(string) (encapsed_string)] @_location
            operator: "."
            right: [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target))
        (encapsed_string . (string_content) @_location . [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)
        (function_call_expression
          function: (name) @_sprintf
          arguments: (arguments
            .
            (argument [(string) (encapsed_string)] @_format)
            .
            (argument [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)))
      ] @redirect))
  (#eq? @_header "header")
  (#match? @_location "^[\"']?\\s*[Ll]ocation:\\s*(/{1,2}|https?://)?[\"']?$")
  (#eq? @_sprintf "sprintf")
  (#match? @_format "^[\"'][Ll]ocation:\\s*%s")
  (#match? @request "^(\\$_(GET|POST|REQUEST)\\s*\\[|\\$(request|req)->get(QueryParams|ParsedBody)\\(\\)\\s*\\[|(\\$(request|req)|request\\(\\)|\\$this->request)(->(query|request))?->(input|query|get|post|string|str|getQueryParam|getParam|getParsedBodyParam|getVar|getGet|getPost)\\s*\\(|\\$request->[A-Za-z_][A-Za-z0-9_]*$|(request|filter_input)\\s*\\(\\s*[^)\\s]|(Request|Input)::(input|query|get)\\s*\\()"))

; redirect(X) (Laravel, CodeIgniter), wp_redirect(X) (WordPress; wp_safe_redirect() checks),
; redirect()->to(X), redirect()->away(X), response()->redirectTo(X), Redirect::to(X),
; Redirect::away(X) (Laravel), $this->redirect(X) (Symfony, Yii), new RedirectResponse(X)
; (Symfony): one pattern for the four call kinds, told apart by the call's text
((_
  (arguments
    .
    (argument
      [
        (subscript_expression) @request @target
        (member_call_expression) @request @target
        (member_access_expression) @request @target
        (function_call_expression) @request @target
        (scoped_call_expression) @request @target
        (variable_name) @target
        ; X ?? '/', X . '?welcome=1'
        (binary_expression left: [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)
        ; '/' . X, "https://" . X
        (binary_expression
          left: [(string) (encapsed_string)] @_prefix
          operator: "."
          right: [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)
        ; "{$X}?welcome=1", "/$X"
        (encapsed_string . [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)
        (encapsed_string . (string_content) @_prefix . [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)
        ; urldecode(X), trim(X), (string) X
        (function_call_expression
          function: (name) @_conv
          arguments: (arguments . (argument [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)))
        (cast_expression value: [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target)
      ] @redirect))) @_call
  (#match? @_call "^((redirect|wp_redirect)\\s*\\(|(redirect\\(\\)|response\\(\\)|\\$this|\\$this->redirector|\\$redirector)\\s*->\\s*(to|away|redirect|redirectTo)\\s*\\(|Redirect::(to|away)\\s*\\(|new\\s+\\\\?([A-Za-z_][A-Za-z0-9_]*\\\\)*(RedirectResponse|TrustedRedirectResponse)\\s*\\()")
  (#match? @_prefix "^[\"']?(/{1,2}|https?://)?[\"']?$")
  (#any-of? @_conv "urldecode" "rawurldecode" "trim" "strval")
  (#match? @request "^(\\$_(GET|POST|REQUEST)\\s*\\[|\\$(request|req)->get(QueryParams|ParsedBody)\\(\\)\\s*\\[|(\\$(request|req)|request\\(\\)|\\$this->request)(->(query|request))?->(input|query|get|post|string|str|getQueryParam|getParam|getParsedBodyParam|getVar|getGet|getPost)\\s*\\(|\\$request->[A-Za-z_][A-Za-z0-9_]*$|(request|filter_input)\\s*\\(\\s*[^)\\s]|(Request|Input)::(input|query|get)\\s*\\()"))

; $response->withHeader('Location', X) (PSR-7), response()->header('Location', X),
; $response->headers->set('Location', X)
(member_call_expression
  name: (name) @_setter
  arguments: (arguments
    .
    (argument (string) @_name)
    .
    (argument [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request (variable_name)] @target))
  (#any-of? @_setter "withHeader" "withAddedHeader" "header" "set")
  (#match? @_name "^[\"'][Ll]ocation[\"']$")
  (#match? @request "^(\\$_(GET|POST|REQUEST)\\s*\\[|\\$(request|req)->get(QueryParams|ParsedBody)\\(\\)\\s*\\[|(\\$(request|req)|request\\(\\)|\\$this->request)(->(query|request))?->(input|query|get|post|string|str|getQueryParam|getParam|getParsedBodyParam|getVar|getGet|getPost)\\s*\\(|\\$request->[A-Za-z_][A-Za-z0-9_]*$|(request|filter_input)\\s*\\(\\s*[^)\\s]|(Request|Input)::(input|query|get)\\s*\\()"))

; $url = $_GET['url'], $next = $request->input('next', '/'), $url = $_POST['url'] ?? '/',
; $url = urldecode($_GET['u']), $url = (string) $_GET['u']
(assignment_expression
  left: (variable_name) @assigned
  right: [
    (subscript_expression) @request
    (member_call_expression) @request
    (member_access_expression) @request
    (function_call_expression) @request
    (scoped_call_expression) @request
    (binary_expression left: [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request])
    (cast_expression value: [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request])
    (function_call_expression
      function: (name) @_conv
      arguments: (arguments . (argument [(subscript_expression) @request (member_call_expression) @request (member_access_expression) @request (function_call_expression) @request (scoped_call_expression) @request])))
  ]
  (#any-of? @_conv "urldecode" "rawurldecode" "trim" "strval")
  (#match? @request "^(\\$_(GET|POST|REQUEST)\\s*\\[|\\$(request|req)->get(QueryParams|ParsedBody)\\(\\)\\s*\\[|(\\$(request|req)|request\\(\\)|\\$this->request)(->(query|request))?->(input|query|get|post|string|str|getQueryParam|getParam|getParsedBodyParam|getVar|getGet|getPost)\\s*\\(|\\$request->[A-Za-z_][A-Za-z0-9_]*$|(request|filter_input)\\s*\\(\\s*[^)\\s]|(Request|Input)::(input|query|get)\\s*\\()"))
