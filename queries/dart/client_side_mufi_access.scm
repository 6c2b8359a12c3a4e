; MUFI002 client-side-mufi-access, Dart. Flutter app code (importing package:flutter/, or
; in a package's lib/ that is not a server: decided in Rust, src/project.rs) ships inside the
; app: flag Mufi API URLs, reads of Mufi keys and the variables holding them. Everywhere, a
; Mufi key read under a public prefix (NEXT_PUBLIC_, VITE_, …) is flagged.

; Platform.environment['MUFI_API_KEY'], dotenv.env['MUFI_API_KEY'] (flutter_dotenv bundles
; the .env file into the app's assets)
(index_expression
  object: (member_expression property: (identifier) @source)
  index: (string_literal) @var
  (#any-of? @source "environment" "env")) @read

; String.fromEnvironment('MUFI_API_KEY'): --dart-define values are compiled into the app
(call_expression
  function: (member_expression property: (identifier) @getter)
  arguments: (arguments . (string_literal) @var)
  (#eq? @getter "fromEnvironment")) @read
(const_object_expression
  type: (type) @getter
  arguments: (arguments . (string_literal) @var)
  (#match? @getter "(^|\\.)fromEnvironment$")) @read

; dotenv.get('MUFI_API_KEY'), dotenv.maybeGet(…), FlutterConfig.get('MUFI_API_KEY')
(call_expression
  function: (member_expression
    object: (identifier) @loader
    property: (identifier) @getter)
  arguments: (arguments . (string_literal) @var)
  (#any-of? @loader "dotenv" "DotEnv" "FlutterConfig" "env")
  (#any-of? @getter "get" "maybeGet" "getOrElse")) @read

; const mufiApiKey = …; final String mufiToken; late final mufiKey = …
(static_final_declaration
  name: (identifier) @declared
  value: (_) @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))
(initialized_identifier
  name: (identifier) @declared
  value: (_)? @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))
(initialized_variable_declaration
  name: (identifier) @declared
  value: (_)? @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))

; Each use of a variable, field or getter named like a Mufi key, in the places an expression
; goes (declarations, parameters, argument labels and assignment targets are not uses):
; 'Bearer $mufiKey', Env.mufiApiKey, widget.mufiKey, MufiClient(apiKey: mufiKey).
([
  (member_expression property: (identifier) @reference)
  (member_expression object: (identifier) @reference)
  (null_aware_member_expression property: (identifier) @reference)
  (null_aware_member_expression object: (identifier) @reference)
  (index_expression object: (identifier) @reference)
  (arguments (identifier) @reference)
  (named_argument (identifier) @reference)
  (return_statement (identifier) @reference)
  (additive_expression (identifier) @reference)
  (if_null_expression (identifier) @reference)
  (equality_expression (identifier) @reference)
  (relational_expression (identifier) @reference)
  (logical_and_expression (identifier) @reference)
  (logical_or_expression (identifier) @reference)
  (conditional_expression (identifier) @reference)
  (map_element value: (identifier) @reference)
  (list_literal (identifier) @reference)
  (set_or_map_literal (identifier) @reference)
  (spread_element value: (identifier) @reference)
  (static_final_declaration value: (identifier) @reference)
  (initialized_identifier value: (identifier) @reference)
  (initialized_variable_declaration value: (identifier) @reference)
  (assignment_expression right: (identifier) @reference)
  (function_expression_body (identifier) @reference)
  (function_body (identifier) @reference)
  (null_assertion_expression value: (identifier) @reference)
  (parenthesized_expression (identifier) @reference)
  (await_expression (identifier) @reference)
  (unary_expression (identifier) @reference)
  (type_cast_expression (identifier) @reference)
  (field_initializer value: (identifier) @reference)
  (template_substitution [(identifier) (identifier_dollar_escaped)] @reference)
]
  (#match? @reference "[Mm][Uu][Ff][Ii]"))

; Mufi API URLs in app code
(string_literal) @string
