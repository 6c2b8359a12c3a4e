; MUFI002 client-side-mufi-access, Kotlin. Server code (Ktor, Spring): a Mufi key read
; under a public prefix (NEXT_PUBLIC_, VITE_, …). Android app code (client-side, see
; src/project.rs): also Mufi API URLs and every reference to a Mufi key.

; System.getenv("NEXT_PUBLIC_MUFI_API_KEY"), System.getProperty("…"), env.getProperty("…"),
; dotenv.get("…"), System.getenv().getOrDefault("…", …)
(call_expression
  (navigation_expression
    .
    [
      (identifier) @object
      (call_expression (navigation_expression . (identifier) @object . (identifier) @getenv .))
    ]
    .
    (identifier) @getter .)
  (value_arguments . (value_argument . (string_literal) @var .))
  (#any-of? @getter "getenv" "getProperty" "getRequiredProperty" "get" "getOrDefault")
  (#match? @object "^(System|[Ee]nv|[Ee]nvironment|[Dd]otenv)$")) @read

; System.getenv()["NEXT_PUBLIC_MUFI_API_KEY"], dotenv["VITE_MUFI_KEY"]
(index_expression
  [
    (identifier) @object
    (call_expression (navigation_expression . (identifier) @object . (identifier) @getenv .))
  ]
  .
  (string_literal) @var
  (#match? @object "^(System|[Ee]nv|[Dd]otenv)$")) @read

; val mufiApiKey = BuildConfig.MUFI_API_KEY, val mufiKey by lazy { … },
; private lateinit var mufiToken: String
(property_declaration
  (variable_declaration (identifier) @declared)
  "="
  (_) @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))
(property_declaration
  (variable_declaration (identifier) @declared)
  .
  (property_delegate) @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))
((property_declaration
  (variable_declaration (identifier) @declared) .)
 (#match? @declared "[Mm][Uu][Ff][Ii]"))

; class MufiRepository(private val mufiKey: String), fun call(mufiApiKey: String)
(class_parameter
  (identifier) @declared
  (#match? @declared "[Mm][Uu][Ff][Ii]"))
(parameter
  (identifier) @declared
  (#match? @declared "[Mm][Uu][Ff][Ii]"))

; each use of a Mufi key: BuildConfig.MUFI_API_KEY, "Bearer ${mufiKey}", call(mufiKey).
; Listed by context so that imports, package names and declarations are not references.
([
  (navigation_expression (identifier) @reference)
  (value_argument (identifier) @reference)
  (interpolation (identifier) @reference)
  (binary_expression (identifier) @reference)
  (infix_expression (identifier) @reference)
  (assignment right: (identifier) @reference)
  (property_declaration (identifier) @reference)
  (return_expression (identifier) @reference)
  (parenthesized_expression (identifier) @reference)
  (if_expression (identifier) @reference)
  (when_subject (identifier) @reference)
  (collection_literal (identifier) @reference)
  (index_expression (identifier) @reference)
  (lambda_literal (identifier) @reference)
  (unary_expression (identifier) @reference)
  (as_expression (identifier) @reference)
  (function_body (identifier) @reference)
 ]
 (#match? @reference "[Mm][Uu][Ff][Ii]"))

; Mufi API URLs in app code
(string_literal) @string
(multiline_string_literal) @string
