; MUFI002 client-side-mufi-access, C#. ASP.NET and other .NET backends are server code:
; only a Mufi key read under a public prefix (NEXT_PUBLIC_, VITE_, …) is flagged, since the
; front end that defines it inlines it into browser code.

; Environment.GetEnvironmentVariable("NEXT_PUBLIC_MUFI_API_KEY"), System.Environment.…
(invocation_expression
  function: (member_access_expression
    expression: [
      (identifier) @environment
      (member_access_expression name: (identifier) @environment)
    ]
    name: (identifier) @getter)
  arguments: (argument_list
    .
    (argument [(string_literal) (verbatim_string_literal)] @var))
  (#eq? @environment "Environment")
  (#eq? @getter "GetEnvironmentVariable")) @read

; GetEnvironmentVariable("VITE_MUFI_KEY") under `using static System.Environment;`
(invocation_expression
  function: (identifier) @getter
  arguments: (argument_list
    .
    (argument [(string_literal) (verbatim_string_literal)] @var))
  (#eq? @getter "GetEnvironmentVariable")) @read

; builder.Configuration["NEXT_PUBLIC_MUFI_API_KEY"], configuration.GetValue<string>("VITE_MUFI_KEY"):
; the environment-variables configuration provider serves the same names.
(element_access_expression
  expression: [
    (identifier) @configuration
    (member_access_expression name: (identifier) @configuration)
  ]
  subscript: (bracketed_argument_list
    .
    (argument [(string_literal) (verbatim_string_literal)] @var)
    .)
  (#match? @configuration "^_?[Cc]onfig(uration)?$")) @read
(invocation_expression
  function: (member_access_expression
    expression: [
      (identifier) @configuration
      (member_access_expression name: (identifier) @configuration)
    ]
    name: [(identifier) (generic_name (identifier))] @getter)
  arguments: (argument_list
    .
    (argument [(string_literal) (verbatim_string_literal)] @var))
  (#match? @configuration "^_?[Cc]onfig(uration)?$")
  (#match? @getter "^(GetValue|GetSection|GetConnectionString)"))  @read
