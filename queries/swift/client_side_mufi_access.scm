; MUFI002 client-side-mufi-access, Swift. iOS and macOS app code ships inside the app
; (unless it is a Vapor/Hummingbird server: decided in Rust, src/project.rs): flag Mufi API
; URLs, reads of Mufi keys and the variables holding them.

; ProcessInfo.processInfo.environment["MUFI_API_KEY"], Bundle.main.infoDictionary?["MUFI_API_KEY"],
; Bundle.main.object(forInfoDictionaryKey: "MUFI_API_KEY"), getenv("MUFI_API_KEY"), and
; Vapor's Environment.get("NEXT_PUBLIC_MUFI_API_KEY") (server code: only public prefixes count)
(call_expression
  (_) @source
  (call_suffix (value_arguments
    .
    (value_argument value: (_) @var)
    .))
  (#match? @source "(\\.(environment|infoDictionary|localizedInfoDictionary|object)|^getenv|^Environment\\.get)$")) @read

; let mufiApiKey = …; static let mufiToken: String = …; var mufiKey: String
(property_declaration
  name: (pattern bound_identifier: (simple_identifier) @declared)
  value: (_)? @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))

; guard let mufiKey = …, if let mufiKey = …, while let …
(_
  bound_identifier: (simple_identifier) @declared
  .
  condition: (_) @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))

; Each use of a variable or property named like a Mufi key: a simple_identifier in an
; expression field of any node (declarations, argument labels and plain assignment targets
; sit in other fields), and every `.member`, writes included (`self.mufiKey = …`):
; "Bearer \(mufiKey)", Secrets.mufiApiKey, client.configure(key: mufiKey), mufiKey.isEmpty.
; Wildcard parents: listing the parent kinds makes the pattern several times slower to compile.
([
  (_ value: (simple_identifier) @reference)
  (_ result: (simple_identifier) @reference)
  (_ target: (simple_identifier) @reference)
  (_ expr: (simple_identifier) @reference)
  (_ lhs: (simple_identifier) @reference)
  (_ rhs: (simple_identifier) @reference)
  (_ element: (simple_identifier) @reference)
  (_ if_nil: (simple_identifier) @reference)
  (_ if_true: (simple_identifier) @reference)
  (_ if_false: (simple_identifier) @reference)
  (_ condition: (simple_identifier) @reference)
  (_ default_value: (simple_identifier) @reference)
  (_ collection: (simple_identifier) @reference)
  (navigation_suffix suffix: (simple_identifier) @reference)
]
  (#match? @reference "[Mm][Uu][Ff][Ii]"))

; Mufi API URLs in app code
(line_string_literal) @string
(multi_line_string_literal) @string
(raw_string_literal) @string
