; MUFI001 hardcoded-api-key, JavaScript and TypeScript: literals in the places a key
; is given a name. JWTs anywhere (comments included) are found by decoding, in Rust.

; const mufiApiKey = "…"
(variable_declarator
  name: (identifier) @name
  value: [(string) (template_string)] @value)

; mufiKey = "…"; config.mufiToken = "…"; headers["x-api-key"] = "…"
(assignment_expression
  left: [
    (identifier) @name
    (member_expression property: (property_identifier) @name)
    (subscript_expression index: (string) @name)
  ]
  right: [(string) (template_string)] @value)

; { apiKey: "…" }, { Authorization: "Bearer …" }, { "x-api-key": "…" }
(pair
  key: [(property_identifier) (string)] @name
  value: [(string) (template_string)] @value)

; function connect(mufiKey = "…")
(assignment_pattern
  left: (identifier) @name
  right: [(string) (template_string)] @value)

; headers.set("Authorization", "Bearer …"), req.setHeader("x-api-key", "…")
(call_expression
  function: (member_expression property: (property_identifier) @method)
  arguments: (arguments . (string) @name . [(string) (template_string)] @value)
  (#any-of? @method "set" "append" "setHeader" "header" "setRequestHeader"))

; process.env.MUFI_API_KEY || "…", process.env.MUFI_API_KEY ?? "…"
(binary_expression
  left: [(member_expression) (subscript_expression)] @env
  operator: ["||" "??"]
  right: [(string) (template_string)] @value)

; new MufiClient({ apiKey: "…" }), createMufi({ token: "…" })
(new_expression
  constructor: (_) @client
  arguments: (arguments (object (pair
    key: [(property_identifier) (string)] @option
    value: [(string) (template_string)] @value))))
(call_expression
  function: (_) @client
  arguments: (arguments (object (pair
    key: [(property_identifier) (string)] @option
    value: [(string) (template_string)] @value))))

; new Mufi("…"), createMufiClient("…")
(new_expression
  constructor: (_) @client
  arguments: (arguments . [(string) (template_string)] @value))
(call_expression
  function: (_) @client
  arguments: (arguments . [(string) (template_string)] @value))
