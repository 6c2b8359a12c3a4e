; MUFI001 hardcoded-api-key, Dart: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.

; const mufiApiKey = '…'; static const String mufiToken = '…'; final mufiKey = '…'
(static_final_declaration
  name: (identifier) @name
  value: (string_literal) @value)
(initialized_identifier
  name: (identifier) @name
  value: (string_literal) @value)
(initialized_variable_declaration
  name: (identifier) @name
  value: (string_literal) @value)

; mufiKey = '…'; this.mufiToken = '…'; dio.options.headers['Authorization'] = 'Bearer …'
(assignment_expression
  left: [
    (assignable_expression . (identifier) @name .)
    (assignable_expression property: (identifier) @name)
    (assignable_expression index: (string_literal) @name)
  ]
  right: (string_literal) @value)

; HttpClient()..apiKey = '…', options.headers..['x-api-key'] = '…'
(cascade_section
  (cascade_selector [(identifier) (string_literal)] @name)
  .
  (string_literal) @value)

; {'Authorization': 'Bearer …', 'x-api-key': '…', 'MUFI_API_KEY': '…'}
(map_element
  key: (string_literal) @name
  value: (string_literal) @value)

; MufiService({String mufiApiKey = '…', this.mufiToken = '…'})
(optional_formal_parameters
  (formal_parameter name: (identifier) @name)
  .
  default_value: (string_literal) @value)
(optional_formal_parameters
  (formal_parameter (field_formal_parameter name: (identifier) @name))
  .
  default_value: (string_literal) @value)

; connect(mufiKey: '…'): a named argument called like a Mufi key
(named_argument
  (label (identifier) @name)
  (string_literal) @value)

; request.headers.set('x-api-key', '…'), headers.add('Authorization', 'Bearer …'),
; prefs.setString('mufiApiKey', '…'), storage.write(key: …) is below
(call_expression
  function: (member_expression property: (identifier) @method)
  arguments: (arguments
    .
    (string_literal) @name
    .
    (string_literal) @value
    .)
  (#any-of? @method "set" "add" "putIfAbsent" "setString"))
(cascade_section
  (cascade_call_expression
    property: (identifier) @method
    arguments: (arguments
      .
      (string_literal) @name
      .
      (string_literal) @value
      .))
  (#any-of? @method "set" "add" "putIfAbsent" "setString"))

; flutter_secure_storage: storage.write(key: 'mufiApiKey', value: '…')
(call_expression
  arguments: (arguments
    (named_argument (label (identifier) @key_label) (string_literal) @name)
    .
    (named_argument (label (identifier) @value_label) (string_literal) @value))
  (#eq? @key_label "key")
  (#eq? @value_label "value"))

; const String.fromEnvironment('MUFI_API_KEY', defaultValue: '…')
([
  (call_expression
    function: (member_expression property: (identifier) @getter)
    arguments: (arguments
      .
      (string_literal) @name
      (named_argument (label (identifier) @default) (string_literal) @value)))
  (const_object_expression
    type: (type) @getter
    arguments: (arguments
      .
      (string_literal) @name
      (named_argument (label (identifier) @default) (string_literal) @value)))
]
  (#match? @getter "(^|\\.)fromEnvironment$")
  (#eq? @default "defaultValue"))

; Platform.environment['MUFI_API_KEY'] ?? '…'
(if_null_expression
  .
  (_) @env
  (string_literal) @value
  .)

; MufiClient(apiKey: '…'), Mufi.configure(token: '…'), new MufiClient(apiKey: '…'),
; const MufiConfig(apiKey: '…')
(call_expression
  function: (_) @client
  arguments: (arguments
    (named_argument
      (label (identifier) @option)
      (string_literal) @value)))
(new_expression
  type: (type) @client
  arguments: (arguments
    (named_argument
      (label (identifier) @option)
      (string_literal) @value)))
(const_object_expression
  type: (type) @client
  arguments: (arguments
    (named_argument
      (label (identifier) @option)
      (string_literal) @value)))

; MufiClient('…'), new Mufi('…')
(call_expression
  function: (identifier) @client
  arguments: (arguments . (string_literal) @value))
(new_expression
  type: (type) @client
  arguments: (arguments . (string_literal) @value))
