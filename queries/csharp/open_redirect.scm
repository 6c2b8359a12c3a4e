; MUFI008 open-redirect, C#: ASP.NET Core MVC, Razor Pages and minimal APIs, System.Web.
;
; A request read is an expression starting with Request.Query["next"], Request.Form["next"],
; HttpContext.Request.Query[..], context.Request.Query[..], Request.QueryString["next"] or
; Request["next"] (System.Web), so Request.Query["next"].ToString() is one too: element
; access and invocation nodes captured as `@request` and told apart by their text, with
; the regex that closes the patterns.
; Parameters are request reads too, captured as `@assigned` (the name) with `@request` (the
; parameter): ASP.NET Core model binding fills a simple-type parameter of an action from the
; route, the query string or the form, so a `string` parameter of a public method returning
; an action result (IActionResult, ActionResult, RedirectResult, IResult, Task<…> of them),
; a [FromQuery] or [FromForm] parameter, and a `string` parameter of a minimal API handler
; (app.MapGet(…, (string returnUrl) => …)) all hold what the link says.
;
; A redirect target holding a request read, or a plain identifier (tainted by an
; `@assigned` match), is captured where it starts the URL: alone, (string)x, `x ?? "/"`,
; `x + "?a=1"`, `"/" + x`, $"{x}…", $"/{x}…", Uri.UnescapeDataString(x).
; LocalRedirect(…) and RedirectToAction(…) only go to this app and are not sinks.
; `@redirect` is the whole argument (the reported range), `@target` the read or identifier.
;
; Tree-sitter note: an alternation placed directly inside another alternation loses
; branches, so each shape lists its branches flat, with the captures on every branch.

; Redirect(X), RedirectPermanent(X), RedirectPreserveMethod(X) (controllers, Razor Pages),
; Response.Redirect(X), context.Response.Redirect(X), Results.Redirect(X),
; TypedResults.Redirect(X), new RedirectResult(X): one pattern for the invocation and the
; object creation (both have `arguments:`), told apart by the call's text
((_
  arguments: (argument_list
    .
    (argument
      [
        (element_access_expression) @request @target
        (invocation_expression) @request @target
        (identifier) @target
        ; (string)X
        (cast_expression value: [(element_access_expression) @request (invocation_expression) @request (identifier)] @target)
        ; X ?? "/", X + "?welcome=1"
        (binary_expression left: [(element_access_expression) @request (invocation_expression) @request (identifier)] @target)
        ; "/" + X
        (binary_expression
          left: (string_literal) @_prefix
          operator: "+"
          right: [(element_access_expression) @request (invocation_expression) @request (identifier)] @target)
        ; $"{X}?welcome=1", $"/{X}"
        (interpolated_string_expression
          (interpolation_start)
          .
          (interpolation (interpolation_brace) . [(element_access_expression) @request (invocation_expression) @request (identifier)] @target))
        (interpolated_string_expression
          (interpolation_start)
          .
          (string_content) @_prefix
          .
          (interpolation (interpolation_brace) . [(element_access_expression) @request (invocation_expression) @request (identifier)] @target))
        ; Uri.UnescapeDataString(X), WebUtility.UrlDecode(X)
        (invocation_expression
          function: (member_access_expression name: (identifier) @_decode)
          arguments: (argument_list . (argument [(element_access_expression) @request (invocation_expression) @request (identifier)] @target)))
      ] @redirect))) @_call
  (#match? @_call "^((this|base)\\.)?(Redirect|RedirectPermanent|RedirectPreserveMethod|RedirectPermanentPreserveMethod)\\s*\\(|^([A-Za-z_][A-Za-z0-9_]*\\.)*(Response|Results|TypedResults)\\.Redirect\\s*\\(|^new\\s+RedirectResult\\s*\\(")
  (#match? @_prefix "^\"?(/{1,2}|https?://)?\"?$")
  (#any-of? @_decode "UnescapeDataString" "UrlDecode")
  (#match? @request "^(this\\.)?((HttpContext|httpContext|context|ctx)\\.)?Request(\\.(Query|Form|QueryString|Params|RouteValues))?\\["))

; Response.Headers["Location"] = X, Response.Headers.Location = X
(assignment_expression
  left: [
    (element_access_expression subscript: (bracketed_argument_list . (argument (string_literal) @_name)))
    (member_access_expression name: (identifier) @_name)
  ]
  right: [(element_access_expression) @request (invocation_expression) @request (identifier)] @target
  (#match? @_name "^\"?Location\"?$")
  (#match? @request "^(this\\.)?((HttpContext|httpContext|context|ctx)\\.)?Request(\\.(Query|Form|QueryString|Params|RouteValues))?\\["))

; public IActionResult Login(string returnUrl),
; public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
(method_declaration
  (modifier) @_public
  returns: (_) @_returns
  parameters: (parameter_list
    (parameter
      type: [(predefined_type) (nullable_type)] @_string
      name: (identifier) @assigned) @request)
  (#eq? @_public "public")
  (#match? @_returns "(ActionResult|IResult|RedirectResult)")
  (#match? @_string "^string\\??$"))

; [FromQuery] string next, [FromQuery(Name = "next")] string next, [FromForm] string returnUrl
(parameter
  (attribute_list (attribute name: (identifier) @_from))
  name: (identifier) @assigned
  (#any-of? @_from "FromQuery" "FromForm")) @request

; app.MapGet("/login/done", (string returnUrl) => Results.Redirect(returnUrl))
(invocation_expression
  function: (member_access_expression name: (identifier) @_map)
  arguments: (argument_list
    (argument
      (lambda_expression
        parameters: (parameter_list
          (parameter
            type: [(predefined_type) (nullable_type)] @_string
            name: (identifier) @assigned) @request))))
  (#any-of? @_map "MapGet" "MapPost" "MapMethods")
  (#match? @_string "^string\\??$"))

; var next = Request.Query["next"]; string next = Request.Query["next"].ToString();
; var next = (string)Request.Form["next"] ?? "/";
(variable_declarator
  name: (identifier) @assigned
  [
    (element_access_expression) @request
    (invocation_expression) @request
    (cast_expression value: [(element_access_expression) @request (invocation_expression) @request])
    (binary_expression
      left: [
        (element_access_expression) @request
        (invocation_expression) @request
        (cast_expression value: [(element_access_expression) @request (invocation_expression) @request])
      ])
  ]
  (#match? @request "^(this\\.)?((HttpContext|httpContext|context|ctx)\\.)?Request(\\.(Query|Form|QueryString|Params|RouteValues))?\\["))
