; MUFI001 hardcoded-api-key, Ruby: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.

; MUFI_API_KEY = "…", @mufi_key = "…", config.mufi_api_key = "…",
; Mufi.api_key = "…", ENV["MUFI_API_KEY"] = "…", req["Authorization"] = "Bearer …"
(assignment
  left: [
    (identifier) @name
    (constant) @name
    (instance_variable) @name
    (class_variable) @name
    (global_variable) @name
    (call method: (identifier) @name)
    (scope_resolution name: (constant) @name)
    (element_reference (string) @name)
    (element_reference (simple_symbol) @name)
  ]
  right: (string) @value)

; MUFI_API_KEY = "…".freeze
(assignment
  left: [
    (identifier) @name
    (constant) @name
    (instance_variable) @name
    (class_variable) @name
    (call method: (identifier) @name)
    (scope_resolution name: (constant) @name)
  ]
  right: (call
    receiver: (string) @value
    method: (identifier) @frozen)
  (#any-of? @frozen "freeze" "dup" "strip"))

; @mufi_key ||= "…"
(operator_assignment
  left: [
    (identifier) @name
    (constant) @name
    (instance_variable) @name
    (class_variable) @name
    (call method: (identifier) @name)
    (element_reference (string) @name)
    (element_reference (simple_symbol) @name)
  ]
  right: (string) @value)

; { mufi_api_key: "…" }, { "Authorization" => "Bearer …" }, { "x-api-key" => "…" },
; { :mufi_key => "…" }, mufi: { api_key: "…" }, keyword arguments (token: "…")
(pair
  key: [(hash_key_symbol) (string) (simple_symbol)] @name
  value: (string) @value)

; { :"x-api-key" => "…" }
(pair
  key: (delimited_symbol (string_content) @name)
  value: (string) @value)

; def initialize(mufi_key: "…"), def connect(mufi_token = "…")
(keyword_parameter
  name: (identifier) @name
  value: (string) @value)
(optional_parameter
  name: (identifier) @name
  value: (string) @value)

; request.add_field("Authorization", "Bearer …"), headers.store("x-api-key", "…")
(call
  method: (identifier) @method
  arguments: (argument_list . (string) @name . (string) @value)
  (#any-of? @method "add_field" "set_field" "set_header" "header" "store"))

; ENV.fetch("MUFI_API_KEY", "…")
(call
  receiver: (constant) @env_object
  method: (identifier) @getter
  arguments: (argument_list . (string) @name . (string) @value)
  (#eq? @env_object "ENV")
  (#eq? @getter "fetch"))

; ENV.fetch("MUFI_API_KEY") { "…" }
(call
  receiver: (constant) @env_object
  method: (identifier) @getter
  arguments: (argument_list . (string) @name .)
  block: [
    (block body: (block_body . (string) @value))
    (do_block body: (body_statement . (string) @value))
  ]
  (#eq? @env_object "ENV")
  (#eq? @getter "fetch"))

; ENV["MUFI_API_KEY"] || "…", ENV.fetch("MUFI_API_KEY", nil) || "…"
(binary
  left: [(element_reference) (call)] @env
  operator: ["||" "or"]
  right: (string) @value)

; MufiClient.new(api_key: "…"), Mufi::Client.new(token: "…"), Mufi.client(api_key: "…")
(call
  receiver: [(constant) (scope_resolution)] @client
  arguments: (argument_list (pair
    key: [(hash_key_symbol) (string) (simple_symbol)] @option
    value: (string) @value)))

; MufiClient.new("…"), Mufi::Client.new("…"), Mufi.client("…") (factories only)
(call
  receiver: [(constant) (scope_resolution)] @client
  method: (identifier) @constructor
  arguments: (argument_list . (string) @value)
  (#any-of? @constructor "new" "client" "connect" "create" "build" "with_api_key" "from_api_key" "from_key"))

; Mufi.configure do |config| config.api_key = "…" end
(call
  receiver: (_) @client
  method: (identifier) @configure
  block: [
    (do_block body: (body_statement (assignment
      left: (call method: (identifier) @option)
      right: (string) @value)))
    (block body: (block_body (assignment
      left: (call method: (identifier) @option)
      right: (string) @value)))
  ]
  (#eq? @configure "configure"))

; def mufi_api_key = "…", def mufi_api_key; "…"; end, def self.mufi_token … end
(method
  name: (identifier) @name
  body: [
    (string) @value
    (body_statement . (string) @value)
  ])
(singleton_method
  name: (identifier) @name
  body: [
    (string) @value
    (body_statement . (string) @value)
  ])
