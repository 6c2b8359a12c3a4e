; MUFI001 hardcoded-api-key, PHP: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.

; $mufiApiKey = '…', $this->mufiKey = '…', self::$mufiToken = '…',
; $config['mufi_api_key'] = '…', $headers['Authorization'] = 'Bearer …', $_ENV['MUFI_API_KEY'] = '…'
(assignment_expression
  left: [
    (variable_name) @name
    (member_access_expression name: (name) @name)
    (nullsafe_member_access_expression name: (name) @name)
    (scoped_property_access_expression name: (variable_name) @name)
    (subscript_expression [(string) (encapsed_string)] @name)
  ]
  right: [(string) (encapsed_string)] @value)

; $mufiKey ??= '…'
(augmented_assignment_expression
  left: [
    (variable_name) @name
    (member_access_expression name: (name) @name)
    (subscript_expression [(string) (encapsed_string)] @name)
  ]
  right: [(string) (encapsed_string)] @value)

; const MUFI_API_KEY = '…'; (class constants too)
(const_element
  (name) @name
  [(string) (encapsed_string)] @value)

; private string $mufiApiKey = '…';
(property_element
  name: (variable_name) @name
  default_value: [(string) (encapsed_string)] @value)

; static $mufiKey = '…';
(static_variable_declaration
  name: (variable_name) @name
  value: [(string) (encapsed_string)] @value)

; function connect(string $mufiKey = '…'), public function __construct(private string $mufiToken = '…')
(simple_parameter
  name: (variable_name) @name
  default_value: [(string) (encapsed_string)] @value)
(property_promotion_parameter
  name: (variable_name) @name
  default_value: [(string) (encapsed_string)] @value)

; ['mufi_api_key' => '…'], ['Authorization' => 'Bearer …'], ['x-api-key' => '…'],
; 'mufi' => ['api_key' => '…'] (Laravel config/services.php)
(array_element_initializer
  [(string) (encapsed_string)] @name
  .
  "=>"
  .
  [(string) (encapsed_string)] @value)

; ['Authorization: Bearer …'], CURLOPT_HTTPHEADER => ['x-api-key: …']
(array_element_initializer
  .
  [(string) (encapsed_string)] @header @value
  .)

; stream_context_create(['http' => ['header' => "Authorization: Bearer …\r\n"]])
(array_element_initializer
  [(string) (encapsed_string)] @header_key
  .
  "=>"
  .
  [(string) (encapsed_string)] @header @value
  (#match? @header_key "^[\"'][Hh]eaders?[\"']$"))

; define('MUFI_API_KEY', '…'), $request->withHeader('Authorization', 'Bearer …'),
; $headers->set('x-api-key', '…')
(function_call_expression
  function: (name) @function
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @name)
    .
    (argument [(string) (encapsed_string)] @value))
  (#eq? @function "define"))
(member_call_expression
  name: (name) @method
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @name)
    .
    (argument [(string) (encapsed_string)] @value))
  (#any-of? @method "withHeader" "withAddedHeader" "setHeader" "header" "set" "add" "addHeader"))

; Http::withToken('…') (Laravel): the bearer token itself
(scoped_call_expression
  name: (name) @name
  arguments: (arguments . (argument [(string) (encapsed_string)] @value))
  (#eq? @name "withToken"))
(member_call_expression
  name: (name) @name
  arguments: (arguments . (argument [(string) (encapsed_string)] @value))
  (#eq? @name "withToken"))

; putenv('MUFI_API_KEY=…')
(function_call_expression
  function: (name) @function
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @entry @value))
  (#eq? @function "putenv"))

; env('MUFI_API_KEY', '…') (Laravel), config('services.mufi.key', '…')
(function_call_expression
  function: (name) @getter
  arguments: (arguments
    .
    (argument [(string) (encapsed_string)] @name)
    .
    (argument [(string) (encapsed_string)] @value))
  (#any-of? @getter "env" "config"))

; getenv('MUFI_API_KEY') ?: '…', $_ENV['MUFI_API_KEY'] ?? '…', env('MUFI_API_KEY') ?: '…'
(conditional_expression
  condition: [(function_call_expression) (subscript_expression)] @env
  alternative: [(string) (encapsed_string)] @value)
(binary_expression
  left: [(function_call_expression) (subscript_expression)] @env
  operator: "??"
  right: [(string) (encapsed_string)] @value)

; new MufiClient(['api_key' => '…']), new \Mufi\Client(['token' => '…']), Mufi::client(['api_key' => '…'])
(object_creation_expression
  [(name) (qualified_name)] @client
  (arguments (argument (array_creation_expression (array_element_initializer
    [(string) (encapsed_string)] @option
    .
    "=>"
    .
    [(string) (encapsed_string)] @value)))))
(scoped_call_expression
  scope: [(name) (qualified_name)] @client
  arguments: (arguments (argument (array_creation_expression (array_element_initializer
    [(string) (encapsed_string)] @option
    .
    "=>"
    .
    [(string) (encapsed_string)] @value)))))

; new MufiClient(apiKey: '…'), Mufi::client(token: '…') (named arguments)
(object_creation_expression
  [(name) (qualified_name)] @client
  (arguments (argument
    name: (name) @option
    [(string) (encapsed_string)] @value)))
(scoped_call_expression
  scope: [(name) (qualified_name)] @client
  arguments: (arguments (argument
    name: (name) @option
    [(string) (encapsed_string)] @value)))

; new MufiClient('…'), Mufi::client('…'), Mufi::setApiKey('…') (static factories and setters only)
(object_creation_expression
  [(name) (qualified_name)] @client
  (arguments . (argument . [(string) (encapsed_string)] @value)))
(scoped_call_expression
  scope: [(name) (qualified_name)] @client
  name: (name) @factory
  arguments: (arguments . (argument . [(string) (encapsed_string)] @value))
  (#any-of? @factory "create" "make" "client" "factory" "connect" "init" "new" "withApiKey" "withKey" "fromApiKey" "fromKey" "setApiKey" "setKey" "setToken" "setAccessToken"))
