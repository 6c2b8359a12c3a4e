; MUFI001 hardcoded-api-key, Rust: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.
;
; A key is written bare ("…") or converted where it is given: "…".to_string(),
; "…".into(), "…".to_owned(), String::from("…"), SecretString::new("…"), Some("…"),
; Some("…".to_string()). Each pattern below lists those shapes for @value.

; const MUFI_API_KEY: &str = "…"; static MUFI_TOKEN: &str = "…"
; (the fix is not offered here: a run-time env read does not compile in a const)
(const_item
  name: (identifier) @name
  value: [(string_literal) (raw_string_literal)] @value)
(static_item
  name: (identifier) @name
  value: [(string_literal) (raw_string_literal)] @value)

; let mufi_key = "…"; let mufi_key: String = "…".to_string();
(let_declaration
  pattern: (identifier) @name
  value: [
    (string_literal) @value
    (raw_string_literal) @value
    (call_expression
      function: (field_expression
        value: [(string_literal) (raw_string_literal)] @value
        field: (field_identifier) @conversion))
    (call_expression
      function: [(scoped_identifier name: (identifier) @conversion) (identifier) @conversion]
      arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))
    (call_expression
      function: (identifier) @conversion
      arguments: (arguments . (call_expression
        function: (field_expression value: [(string_literal) (raw_string_literal)] @value)) .))
  ]
  (#any-of? @conversion "to_string" "to_owned" "into" "from" "new" "Some"))

; Config { mufi_api_key: "…".into(), .. }
(field_initializer
  field: (field_identifier) @name
  value: [
    (string_literal) @value
    (raw_string_literal) @value
    (call_expression
      function: (field_expression
        value: [(string_literal) (raw_string_literal)] @value
        field: (field_identifier) @conversion))
    (call_expression
      function: [(scoped_identifier name: (identifier) @conversion) (identifier) @conversion]
      arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))
    (call_expression
      function: (identifier) @conversion
      arguments: (arguments . (call_expression
        function: (field_expression value: [(string_literal) (raw_string_literal)] @value)) .))
  ]
  (#any-of? @conversion "to_string" "to_owned" "into" "from" "new" "Some"))

; mufi_key = "…"; self.mufi_token = "…".to_string();
(assignment_expression
  left: [
    (identifier) @name
    (field_expression field: (field_identifier) @name)
  ]
  right: [
    (string_literal) @value
    (raw_string_literal) @value
    (call_expression
      function: (field_expression
        value: [(string_literal) (raw_string_literal)] @value
        field: (field_identifier) @conversion))
    (call_expression
      function: [(scoped_identifier name: (identifier) @conversion) (identifier) @conversion]
      arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))
    (call_expression
      function: (identifier) @conversion
      arguments: (arguments . (call_expression
        function: (field_expression value: [(string_literal) (raw_string_literal)] @value)) .))
  ]
  (#any-of? @conversion "to_string" "to_owned" "into" "from" "new" "Some"))

; Headers and env of a request or command, by name:
; .header("Authorization", "Bearer …"), .header(AUTHORIZATION, "Bearer …"),
; .header(header::AUTHORIZATION, …), ureq's .set("x-api-key", "…"),
; headers.insert("x-api-key", HeaderValue::from_static("…")),
; Command::new("node").env("MUFI_API_KEY", "…"),
; config::Config::builder().set_default("mufi.api_key", "…")
(call_expression
  function: (field_expression field: (field_identifier) @method)
  arguments: (arguments
    . [
      (string_literal) @name
      (identifier) @name
      (scoped_identifier name: (identifier) @name)
      (call_expression arguments: (arguments . (string_literal) @name .))
    ]
    . [
      (string_literal) @value
      (raw_string_literal) @value
      (call_expression
        function: (field_expression
          value: [(string_literal) (raw_string_literal)] @value
          field: (field_identifier) @conversion))
      (call_expression
        function: (scoped_identifier name: (identifier) @conversion)
        arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))
      (call_expression
        function: (field_expression value: (call_expression
          function: (scoped_identifier name: (identifier) @conversion)
          arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))))
    ])
  (#any-of? @method "header" "set" "insert" "append" "env" "set_default" "set_override")
  (#any-of? @conversion "to_string" "to_owned" "into" "from" "from_static" "from_str" "try_from"))

; std::env::set_var("MUFI_API_KEY", "…")
(call_expression
  function: [(scoped_identifier name: (identifier) @function) (identifier) @function]
  arguments: (arguments
    . (string_literal) @name
    . [(string_literal) (raw_string_literal)] @value)
  (#eq? @function "set_var"))

; env::var("MUFI_API_KEY").unwrap_or("…".to_string()),
; env::var("MUFI_API_KEY").unwrap_or_else(|_| "…".into()),
; env::var("MUFI_API_KEY").ok().unwrap_or_else(|| String::from("…")),
; option_env!("MUFI_API_KEY").unwrap_or("…")
(call_expression
  function: (field_expression
    value: [
      (call_expression) @env
      (macro_invocation) @env
      (call_expression function: (field_expression value: [(call_expression) (macro_invocation)] @env))
    ]
    field: (field_identifier) @fallback)
  arguments: (arguments . [
    (string_literal) @value
    (call_expression
      function: (field_expression value: [(string_literal) (raw_string_literal)] @value))
    (call_expression
      function: (scoped_identifier)
      arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))
    (closure_expression body: [
      (string_literal) @value
      (call_expression
        function: (field_expression value: [(string_literal) (raw_string_literal)] @value))
      (call_expression
        function: (scoped_identifier)
        arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))
    ])
  ] .)
  (#any-of? @fallback "unwrap_or" "unwrap_or_else"))

; "MUFI_API_KEY=…" strings (env files written by code, `docker run -e`)
((string_literal) @entry @value
  (#match? @entry "^\"[A-Za-z_][A-Za-z0-9_]*="))

; MufiClient { api_key: "…".into(), .. }: a key option of a Mufi client's settings
(struct_expression
  name: (_) @client
  body: (field_initializer_list
    (field_initializer
      field: (field_identifier) @option
      value: [
        (string_literal) @value
        (raw_string_literal) @value
        (call_expression
          function: (field_expression
            value: [(string_literal) (raw_string_literal)] @value
            field: (field_identifier) @conversion))
        (call_expression
          function: [(scoped_identifier name: (identifier) @conversion) (identifier) @conversion]
          arguments: (arguments . [(string_literal) (raw_string_literal)] @value .))
      ]))
  (#any-of? @conversion "to_string" "to_owned" "into" "from" "new" "Some"))

; MufiClient::new("…"), Mufi::with_api_key("…"): @client is the type being built
(call_expression
  function: (scoped_identifier
    path: (_) @client
    name: (identifier) @constructor)
  arguments: (arguments . [(string_literal) (raw_string_literal)] @value)
  (#match? @constructor "^(new|with_|from_|connect|builder)"))

; MufiClient::builder().api_key("…"), MufiClient::new().token("…")
(call_expression
  function: (field_expression
    value: (call_expression
      function: (scoped_identifier path: (_) @client))
    field: (field_identifier) @option)
  arguments: (arguments . [(string_literal) (raw_string_literal)] @value))
