; MUFI001 hardcoded-api-key, Java: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.

; String mufiApiKey = "…"; private static final String MUFI_KEY = "…";
(variable_declarator
  name: (identifier) @name
  value: (string_literal) @value)

; mufiKey = "…"; this.mufiToken = "…"; config.mufiApiKey = "…"
(assignment_expression
  left: [
    (identifier) @name
    (field_access field: (identifier) @name)
  ]
  right: (string_literal) @value)

; request.header("Authorization", "Bearer …"), conn.setRequestProperty("x-api-key", "…"),
; builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer …"), props.setProperty("mufi.api-key", "…")
(method_invocation
  name: (identifier) @method
  arguments: (argument_list
    .
    [
      (string_literal) @name
      (field_access field: (identifier) @name)
    ]
    .
    (string_literal) @value)
  (#any-of? @method
    "header" "headers" "addHeader" "setHeader" "defaultHeader" "set" "add" "put" "putIfAbsent"
    "append" "setProperty" "setRequestProperty" "addRequestProperty" "putString" "putExtra" "entry" "of"))

; Map.of("Content-Type", "…", "Authorization", "Bearer …"), ImmutableMap.of(…): the pairs
; after the first (which the pattern above finds), by position
(method_invocation
  object: (identifier) @map
  name: (identifier) @method
  arguments: [
    (argument_list . (_) . (_) . [
        (string_literal) @name
        (field_access field: (identifier) @name)
      ] . (string_literal) @value)
    (argument_list . (_) . (_) . (_) . (_) . [
        (string_literal) @name
        (field_access field: (identifier) @name)
      ] . (string_literal) @value)
    (argument_list . (_) . (_) . (_) . (_) . (_) . (_) . [
        (string_literal) @name
        (field_access field: (identifier) @name)
      ] . (string_literal) @value)
    (argument_list . (_) . (_) . (_) . (_) . (_) . (_) . (_) . (_) . [
        (string_literal) @name
        (field_access field: (identifier) @name)
      ] . (string_literal) @value)
  ]
  (#match? @map "Map$")
  (#eq? @method "of"))

; Retrofit: @Headers("Authorization: Bearer …"), @Headers({"x-api-key: …", …})
(annotation
  name: [
    (identifier) @annotation
    (scoped_identifier name: (identifier) @annotation)
  ]
  arguments: (annotation_argument_list [
    (string_literal) @header @value
    (element_value_array_initializer (string_literal) @header @value)
  ])
  (#eq? @annotation "Headers"))

; System.getProperty("mufi.api-key", "…"), System.getenv().getOrDefault("MUFI_API_KEY", "…"),
; env.getProperty("mufi.api-key", "…"), prefs.getString("mufi_api_key", "…")
(method_invocation
  name: (identifier) @getter
  arguments: (argument_list . (string_literal) @name . (string_literal) @value .)
  (#any-of? @getter "getProperty" "getOrDefault" "getString" "getenv" "get"))

; Optional.ofNullable(System.getenv("MUFI_API_KEY")).orElse("…")
(method_invocation
  object: (method_invocation
    arguments: (argument_list . (method_invocation) @env .))
  name: (identifier) @method
  arguments: (argument_list . (string_literal) @value .)
  (#eq? @method "orElse"))

; Objects.requireNonNullElse(System.getenv("MUFI_API_KEY"), "…"), StringUtils.defaultIfBlank(…)
(method_invocation
  name: (identifier) @method
  arguments: (argument_list . (method_invocation) @env . (string_literal) @value .)
  (#any-of? @method "requireNonNullElse" "defaultIfBlank" "defaultIfEmpty" "defaultString" "firstNonNull"))

; System.getenv("MUFI_API_KEY") != null ? System.getenv("MUFI_API_KEY") : "…"
(ternary_expression
  consequence: (method_invocation) @env
  alternative: (string_literal) @value)

; System.getenv("MUFI_API_KEY") == null ? "…" : System.getenv("MUFI_API_KEY")
(ternary_expression
  condition: (binary_expression left: (method_invocation) @env)
  consequence: (string_literal) @value)

; new MufiClient("…"), new Mufi("…")
(object_creation_expression
  type: (_) @client
  arguments: (argument_list . (string_literal) @value))

; MufiClient.create("…"), Mufi.withApiKey("…")
(method_invocation
  object: (identifier) @client
  name: (identifier) @factory
  arguments: (argument_list . (string_literal) @value)
  (#any-of? @factory "create" "of" "with" "withApiKey" "withKey" "withToken" "fromKey" "client" "newClient"))

; Mufi.apiKey = "…" (a static key setting on the SDK class)
(assignment_expression
  left: (field_access
    object: (identifier) @client
    field: (identifier) @option)
  right: (string_literal) @value)

; MufiClient.builder().apiKey("…"), Mufi.builder().baseUrl(…).token("…").build()
(method_invocation
  object: [
    (identifier) @client
    (method_invocation object: (identifier) @client)
    (method_invocation object: (method_invocation object: (identifier) @client))
    (method_invocation object: (method_invocation object: (method_invocation object: (identifier) @client)))
    (method_invocation object: (method_invocation object: (method_invocation object: (method_invocation object: (identifier) @client))))
    (object_creation_expression type: [(type_identifier) @client (scoped_type_identifier (type_identifier) @client)])
    (method_invocation object: (object_creation_expression type: [(type_identifier) @client (scoped_type_identifier (type_identifier) @client)]))
    (method_invocation object: (method_invocation object: (object_creation_expression type: [(type_identifier) @client (scoped_type_identifier (type_identifier) @client)])))
  ]
  name: (identifier) @option
  arguments: (argument_list . (string_literal) @value .))
