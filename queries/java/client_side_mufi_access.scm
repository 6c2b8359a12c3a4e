; MUFI002 client-side-mufi-access, Java. Server code (Spring, plain JVM): a Mufi key read
; under a public prefix (NEXT_PUBLIC_, VITE_, …). Android app code (client-side, see
; src/project.rs): also Mufi API URLs and every reference to a Mufi key.

; System.getenv("NEXT_PUBLIC_MUFI_API_KEY"), System.getenv().get("…"), System.getProperty("…"),
; Spring env.getProperty("…"), dotenv-java dotenv.get("…") and Dotenv.load().get("…")
(method_invocation
  object: [
    (identifier) @object
    (method_invocation object: (identifier) @object)
  ]
  name: (identifier) @getter
  arguments: (argument_list . (string_literal) @var)
  (#any-of? @getter "getenv" "getProperty" "getRequiredProperty" "get" "getOrDefault")
  (#match? @object "^(System|[Ee]nv|[Ee]nvironment|[Dd]otenv)$")) @read

; String mufiApiKey = BuildConfig.MUFI_API_KEY; private final String mufiKey;
(variable_declarator
  name: (identifier) @declared
  value: (_)? @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))

; each use of a Mufi key: BuildConfig.MUFI_API_KEY, "Bearer " + mufiKey, call(mufiKey),
; and parameters that carry one. Listed by context so that imports, package names and
; declarations (judged above) are not references.
([
  (field_access field: (identifier) @reference)
  (field_access object: (identifier) @reference)
  (method_invocation object: (identifier) @reference)
  (argument_list (identifier) @reference)
  (binary_expression (identifier) @reference)
  (assignment_expression right: (identifier) @reference)
  (variable_declarator value: (identifier) @reference)
  (return_statement (identifier) @reference)
  (ternary_expression (identifier) @reference)
  (parenthesized_expression (identifier) @reference)
  (element_value_pair value: (identifier) @reference)
  (array_initializer (identifier) @reference)
  (lambda_expression body: (identifier) @reference)
  (formal_parameter name: (identifier) @reference)
 ]
 (#match? @reference "[Mm][Uu][Ff][Ii]"))

; Mufi API URLs in app code
(string_literal) @string
