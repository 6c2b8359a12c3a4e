; MUFI001 hardcoded-api-key, Swift: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.
; Values are wildcards: Rust keeps string literals only, and alternations of the three Swift
; string kinds make patterns very slow to compile for this grammar (20 s for one of them).

; let mufiApiKey = "…"; static let mufiToken: String = "…"; var mufiKey = "…", other = "…"
(property_declaration
  name: (pattern bound_identifier: (simple_identifier) @name)
  value: (_) @value)

; mufiKey = "…"; self.mufiApiKey = "…"; headers["x-api-key"] = "…"
(assignment
  target: (directly_assignable_expression [
    (simple_identifier) @name
    (navigation_expression suffix: (navigation_suffix suffix: (simple_identifier) @name))
    (call_expression
      (call_suffix (value_arguments
        .
        (value_argument value: (_) @name)
        .)))
  ])
  result: (_) @value)

; ["Authorization": "Bearer …", "x-api-key": "…", "MUFI_API_KEY": "…"]
(dictionary_literal
  key: (_) @name
  .
  value: (_) @value)

; init(mufiApiKey: String = "…"), func connect(mufiKey: String = "…") (any parent: rooting
; the pattern at function_declaration makes it slow to compile for the Swift grammar)
(_
  (parameter name: (simple_identifier) @name)
  .
  default_value: (_) @value)

; connect(mufiKey: "…"): a labelled argument named like a Mufi key
(value_argument
  name: (value_argument_label (simple_identifier) @name)
  value: (_) @value)

; request.setValue("Bearer …", forHTTPHeaderField: "Authorization"), addValue(…),
; UserDefaults.standard.set("…", forKey: "mufiApiKey"), keychain.set("…", forKey: "mufiToken")
(value_arguments
  .
  (value_argument !name value: (_) @value)
  .
  (value_argument
    name: (value_argument_label (simple_identifier) @label)
    value: (_) @name)
  .
  (#any-of? @label "forHTTPHeaderField" "forKey"))

; Alamofire HTTPHeader(name: "x-api-key", value: "…"), headers.add(name: "Authorization", value: "Bearer …"),
; Vapor headers.replaceOrAdd(name: …, value: …), URLQueryItem(name: "mufi_key", value: "…")
(value_arguments
  .
  (value_argument
    name: (value_argument_label (simple_identifier) @label)
    value: (_) @name)
  .
  (value_argument
    name: (value_argument_label (simple_identifier) @value_label)
    value: (_) @value)
  .
  (#eq? @label "name")
  (#eq? @value_label "value"))

; ProcessInfo.processInfo.environment["MUFI_API_KEY"] ?? "…"
(nil_coalescing_expression
  value: (_) @env
  if_nil: (_) @value)

; MufiClient(apiKey: "…"), Mufi.configure(apiKey: "…"), MufiClient.shared.setup(token: "…")
(call_expression
  [(simple_identifier) (navigation_expression)] @client
  (call_suffix (value_arguments
    (value_argument
      name: (value_argument_label (simple_identifier) @option)
      value: (_) @value))))

; MufiClient("…"), Mufi("…")
(call_expression
  (simple_identifier) @client
  (call_suffix (value_arguments
    .
    (value_argument
      !name
      value: (_) @value))))
