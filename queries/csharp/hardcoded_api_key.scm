; MUFI001 hardcoded-api-key, C#: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust. Values are wildcards:
; Rust keeps string literals only (regular, verbatim, raw, interpolated without holes), and
; spelling the four kinds out makes the patterns slower to compile.

; const string MufiApiKey = "…"; var mufiKey = "…"; static readonly string MufiToken = "…"
(variable_declarator
  name: (identifier) @name
  (_) @value)

; public string MufiApiKey { get; init; } = "…";
(property_declaration
  name: (identifier) @name
  value: (_) @value)

; MufiApiKey = "…"; this.MufiKey = "…"; options.ApiKey = "…" (inside AddMufi(o => …), below);
; headers["x-api-key"] = "…"; new Dictionary<string, string> { ["Authorization"] = "Bearer …" }
(assignment_expression
  left: [
    (identifier) @name
    (member_access_expression name: (identifier) @name)
    (element_access_expression
      subscript: (bracketed_argument_list . (argument (_) @name) .))
    (element_binding_expression . (argument (_) @name) .)
  ]
  right: (_) @value)

; new Dictionary<string, string> { { "x-api-key", "…" } }
(initializer_expression
  (initializer_expression
    .
    (_) @name
    .
    (_) @value
    .))

; public MufiGateway(string mufiApiKey = "…"); Connect(mufiKey: "…")
(parameter
  name: (identifier) @name
  (_) @value)
(argument
  name: (identifier) @name
  (_) @value)

; new { mufiApiKey = "…" }
(anonymous_object_creation_expression
  (identifier) @name
  .
  "="
  .
  (_) @value)

; client.DefaultRequestHeaders.Add("x-api-key", "…"), request.Headers.TryAddWithoutValidation(
; HeaderNames.Authorization, "Bearer …"), RestSharp request.AddHeader(…), Flurl .WithHeader(…),
; Environment.SetEnvironmentVariable("MUFI_API_KEY", "…")
(invocation_expression
  function: (member_access_expression name: (identifier) @method)
  arguments: (argument_list
    .
    (argument [
      (member_access_expression name: (identifier) @name)
      (string_literal) @name
      (verbatim_string_literal) @name
    ])
    .
    (argument (_) @value))
  (#any-of? @method "Add" "TryAddWithoutValidation" "Append" "AddHeader" "AddDefaultHeader" "WithHeader" "Set" "SetEnvironmentVariable"))

; Environment.GetEnvironmentVariable("MUFI_API_KEY") ?? "…"
(binary_expression
  left: (invocation_expression) @env
  operator: "??"
  right: (_) @value)

; new MufiClient(apiKey: "…"), MufiClient.Create(token: "…")
(object_creation_expression
  type: (_) @client
  arguments: (argument_list
    (argument
      name: (identifier) @option
      (_) @value)))
(invocation_expression
  function: (_) @client
  arguments: (argument_list
    (argument
      name: (identifier) @option
      (_) @value)))

; new MufiClientOptions { ApiKey = "…" }
(object_creation_expression
  type: (_) @client
  initializer: (initializer_expression
    (assignment_expression
      left: (identifier) @option
      right: (_) @value)))

; services.AddMufi(o => o.ApiKey = "…"); services.Configure<MufiOptions>(o => { o.ApiKey = "…"; })
(invocation_expression
  function: (_) @client
  arguments: (argument_list
    (argument
      (lambda_expression
        body: (assignment_expression
          left: (member_access_expression name: (identifier) @option)
          right: (_) @value)))))
(invocation_expression
  function: (_) @client
  arguments: (argument_list
    (argument
      (lambda_expression
        body: (block
          (expression_statement
            (assignment_expression
              left: (member_access_expression name: (identifier) @option)
              right: (_) @value)))))))

; new MufiClient("…")
(object_creation_expression
  type: (_) @client
  arguments: (argument_list
    .
    (argument
      (_) @value)))

; MufiClient.Create("…"), CreateMufiClient("…"): only factories named for making a Mufi client
; (every C# method is PascalCase: `Mufi.CreateWallet("…")` takes an id, not a key).
(invocation_expression
  function: [(identifier) (member_access_expression)] @client
  arguments: (argument_list
    .
    (argument
      (_) @value))
  (#match? @client "^(([A-Za-z0-9_]+\\.)*(Create|New)Mufi[A-Za-z0-9]*|([A-Za-z0-9_]+\\.)*Mufi[A-Za-z0-9]*\\.(Create|New|CreateClient|NewClient))$"))
