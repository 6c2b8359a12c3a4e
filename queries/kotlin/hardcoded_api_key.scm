; MUFI001 hardcoded-api-key, Kotlin: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.

; val mufiApiKey = "…", const val MUFI_KEY = "…", private val mufiToken: String = "…"
(property_declaration
  (variable_declaration (identifier) @name)
  [(string_literal) (multiline_string_literal)] @value)

; class MufiConfig(val mufiApiKey: String = "…")
(class_parameter
  (identifier) @name
  [(string_literal) (multiline_string_literal)] @value)

; fun connect(mufiKey: String = "…")
(function_value_parameters
  (parameter (identifier) @name)
  .
  [(string_literal) (multiline_string_literal)] @value)

; mufiKey = "…", this.mufiToken = "…", settings.mufiApiKey = "…"
(assignment
  left: [
    (identifier) @name
    (navigation_expression (identifier) @name .)
  ]
  right: [(string_literal) (multiline_string_literal)] @value)

; mapOf("Authorization" to "Bearer …"), "x-api-key" to "…", "mufi_api_key" to "…"
(infix_expression
  [
    (string_literal) @name
    (navigation_expression (identifier) @name .)
  ]
  (identifier) @to
  [(string_literal) (multiline_string_literal)] @value
  (#eq? @to "to"))

; header("Authorization", "Bearer …"), addHeader("x-api-key", "…"),
; Ktor append(HttpHeaders.Authorization, "Bearer …"), props.setProperty("mufi.api-key", "…")
(call_expression
  [
    (identifier) @method
    (navigation_expression (identifier) @method .)
  ]
  (value_arguments
    .
    (value_argument . [
      (string_literal) @name
      (navigation_expression (identifier) @name .)
    ] .)
    .
    (value_argument . [(string_literal) (multiline_string_literal)] @value .))
  (#any-of? @method
    "header" "headers" "addHeader" "setHeader" "defaultHeader" "set" "add" "put" "putIfAbsent"
    "append" "setProperty" "setRequestProperty" "addRequestProperty" "putString" "putExtra" "entry"))

; headers["Authorization"] = "Bearer …", config["mufi_api_key"] = "…"
(assignment
  left: (index_expression
    (_)
    [
      (string_literal) @name
      (navigation_expression (identifier) @name .)
    ])
  right: [(string_literal) (multiline_string_literal)] @value)

; Retrofit: @Headers("Authorization: Bearer …", "x-api-key: …")
(annotation
  (constructor_invocation
    (user_type (identifier) @annotation)
    (value_arguments (value_argument (string_literal) @header @value)))
  (#eq? @annotation "Headers"))

; System.getProperty("mufi.api-key", "…"), System.getenv().getOrDefault("MUFI_API_KEY", "…"),
; prefs.getString("mufi_api_key", "…")
(call_expression
  (navigation_expression (identifier) @getter .)
  (value_arguments
    .
    (value_argument . (string_literal) @name .)
    .
    (value_argument . (string_literal) @value .)
    .)
  (#any-of? @getter "getProperty" "getOrDefault" "getString" "getenv" "get"))

; System.getenv("MUFI_API_KEY") ?: "…"
(binary_expression
  left: (_) @env
  operator: "?:"
  right: [(string_literal) (multiline_string_literal)] @value)

; MufiClient(apiKey = "…"), Mufi(token = "…")
(call_expression
  [
    (identifier) @client
    (navigation_expression (identifier) @client .)
  ]
  (value_arguments (value_argument
    .
    (identifier) @option
    .
    [(string_literal) (multiline_string_literal)] @value .)))

; Mufi("…"), MufiClient("…")
(call_expression
  [
    (identifier) @client
    (navigation_expression (identifier) @client .)
  ]
  (value_arguments . (value_argument . [(string_literal) (multiline_string_literal)] @value .)))

; MufiClient.create("…"), Mufi.withApiKey("…")
(call_expression
  (navigation_expression
    .
    (identifier) @client
    .
    (identifier) @factory .)
  (value_arguments . (value_argument . (string_literal) @value .))
  (#any-of? @factory "create" "of" "with" "withApiKey" "withKey" "withToken" "fromKey" "client" "newClient"))

; MufiClient { apiKey = "…" }, Mufi.configure { token = "…" }
(call_expression
  [
    (identifier) @client
    (navigation_expression . (identifier) @client)
  ]
  (annotated_lambda (lambda_literal (assignment
    left: (identifier) @option
    right: [(string_literal) (multiline_string_literal)] @value))))

; Mufi.apiKey = "…" (a static key setting on the SDK object)
(assignment
  left: (navigation_expression
    .
    (identifier) @client
    .
    (identifier) @option .)
  right: [(string_literal) (multiline_string_literal)] @value)

; MufiClient.builder().apiKey("…").build(), MufiClient.Builder().token("…")
(call_expression
  (navigation_expression
    [
      (call_expression [
        (identifier) @client
        (navigation_expression . (identifier) @client)
      ])
      (call_expression (navigation_expression (call_expression [
        (identifier) @client
        (navigation_expression . (identifier) @client)
      ])))
      (call_expression (navigation_expression (call_expression (navigation_expression (call_expression [
        (identifier) @client
        (navigation_expression . (identifier) @client)
      ])))))
    ]
    (identifier) @option .)
  (value_arguments . (value_argument . [(string_literal) (multiline_string_literal)] @value .) .))

; Gradle Kotlin DSL: buildConfigField("String", "MUFI_API_KEY", "\"…\""), resValue("string", "mufi_api_key", "…")
(call_expression
  (identifier) @method
  (value_arguments
    .
    (value_argument)
    .
    (value_argument . (string_literal) @name .)
    .
    (value_argument . [(string_literal) (multiline_string_literal)] @value .))
  (#any-of? @method "buildConfigField" "resValue"))
