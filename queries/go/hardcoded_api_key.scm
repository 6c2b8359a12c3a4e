; MUFI001 hardcoded-api-key, Go: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.

; const MufiAPIKey = "…"; var mufiKey = "…"; var mufiKey string = "…"
; (one name, one value: `const a, b = x, "…"` cannot pair them)
(const_spec
  name: (identifier) @name
  value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value .))
(var_spec
  name: (identifier) @name
  value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value .))

; mufiKey := "…"
(short_var_declaration
  left: (expression_list . (identifier) @name .)
  right: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value .))

; mufiKey = "…"; cfg.MufiAPIKey = "…"; headers["x-api-key"] = "…"
(assignment_statement
  left: (expression_list .
    [
      (identifier) @name
      (selector_expression field: (field_identifier) @name)
      (index_expression index: [(interpreted_string_literal) (raw_string_literal)] @name)
    ] .)
  right: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @value .))

; Config{MufiAPIKey: "…"}, map[string]string{"x-api-key": "…", "Authorization": "Bearer …"}
(keyed_element
  key: (literal_element [(identifier) (interpreted_string_literal) (raw_string_literal)] @name)
  value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @value))

; http.Header{"Authorization": {"Bearer …"}}, http.Header{"X-Api-Key": []string{"…"}}
(keyed_element
  key: (literal_element [(interpreted_string_literal) (raw_string_literal)] @name)
  value: (literal_element [
    (literal_value . (literal_element [(interpreted_string_literal) (raw_string_literal)] @value))
    (composite_literal body: (literal_value . (literal_element [(interpreted_string_literal) (raw_string_literal)] @value)))
  ]))

; req.Header.Set("Authorization", "Bearer …"), req.Header.Add("x-api-key", "…"),
; resty's r.SetHeader("x-api-key", "…"), gin's c.Header(…), os.Setenv("MUFI_API_KEY", "…"),
; t.Setenv(…), flag.String("mufi-key", "…", usage), viper.SetDefault("mufi.api_key", "…")
(call_expression
  function: (selector_expression field: (field_identifier) @method)
  arguments: (argument_list
    . [(interpreted_string_literal) (raw_string_literal)] @name
    . [(interpreted_string_literal) (raw_string_literal)] @value)
  (#any-of? @method "Set" "Add" "SetHeader" "Header" "Setenv" "String" "SetDefault"))

; flag.StringVar(&key, "mufi-key", "…", usage); pflag's StringP("mufi-key", "k", "…", usage)
(call_expression
  function: (selector_expression field: (field_identifier) @method)
  arguments: (argument_list
    . (_)
    . [(interpreted_string_literal) (raw_string_literal)] @name
    . [(interpreted_string_literal) (raw_string_literal)] @value)
  (#eq? @method "StringVar"))
(call_expression
  function: (selector_expression field: (field_identifier) @method)
  arguments: (argument_list
    . [(interpreted_string_literal) (raw_string_literal)] @name
    . (_)
    . [(interpreted_string_literal) (raw_string_literal)] @value)
  (#eq? @method "StringP"))
(call_expression
  function: (selector_expression field: (field_identifier) @method)
  arguments: (argument_list
    . (_)
    . [(interpreted_string_literal) (raw_string_literal)] @name
    . (_)
    . [(interpreted_string_literal) (raw_string_literal)] @value)
  (#eq? @method "StringVarP"))

; getEnv("MUFI_API_KEY", "…"), envOr("MUFI_API_KEY", "…"): the usual helpers with a default
(call_expression
  function: [
    (identifier) @getter
    (selector_expression field: (field_identifier) @getter)
  ]
  arguments: (argument_list
    . [(interpreted_string_literal) (raw_string_literal)] @name
    . [(interpreted_string_literal) (raw_string_literal)] @value .)
  (#match? @getter "^(?i)(get_?env|env|lookup_?env)(_?or)?(_?(with_?)?(default|fallback))?$"))

; cmp.Or(os.Getenv("MUFI_API_KEY"), "…")
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @or)
  arguments: (argument_list
    . (call_expression) @env
    . [(interpreted_string_literal) (raw_string_literal)] @value .)
  (#eq? @package "cmp")
  (#eq? @or "Or"))

; cmd.Env = append(os.Environ(), "MUFI_API_KEY=…")
((interpreted_string_literal) @entry @value
  (#match? @entry "^\"[A-Za-z_][A-Za-z0-9_]*="))

; MufiConfig{APIKey: "…"}, &mufi.Options{Token: "…"}: a key option of a Mufi client's settings
(composite_literal
  type: (_) @client
  body: (literal_value
    (keyed_element
      key: (literal_element (identifier) @option)
      value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @value))))

; NewMufiClient("…"), mufi.NewClient("…"): the first argument of a client constructor
(call_expression
  function: [(identifier) (selector_expression)] @client
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @value))
