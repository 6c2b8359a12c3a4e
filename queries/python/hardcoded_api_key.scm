; MUFI001 hardcoded-api-key, Python: literals in the places a key is given a name.
; JWTs anywhere (comments included) are found by decoding, in Rust.

; MUFI_API_KEY = "…", settings.mufi_key = "…", os.environ["MUFI_API_KEY"] = "…"
(assignment
  left: [
    (identifier) @name
    (attribute attribute: (identifier) @name)
    (subscript subscript: (string) @name)
  ]
  right: (string) @value)

; Mufi(api_key="…"), requests.post(url, headers=…) keyword values
(keyword_argument
  name: (identifier) @name
  value: (string) @value)

; {"Authorization": "Bearer …"}, {"x-api-key": "…"}, {"mufi_api_key": "…"}
(pair
  key: (string) @name
  value: (string) @value)

; def connect(mufi_key="…")
(default_parameter
  name: (identifier) @name
  value: (string) @value)
(typed_default_parameter
  name: (identifier) @name
  value: (string) @value)

; os.getenv("MUFI_API_KEY", "…"), os.environ.get("MUFI_API_KEY", "…"), setdefault
(call
  function: (attribute attribute: (identifier) @getter)
  arguments: (argument_list . (string) @name . (string) @value)
  (#any-of? @getter "getenv" "get" "setdefault" "putenv"))

; os.getenv("MUFI_API_KEY") or "…"
(boolean_operator
  left: (call) @env
  operator: "or"
  right: (string) @value)

; Mufi(api_key="…"), MufiClient(token="…")
(call
  function: (_) @client
  arguments: (argument_list (keyword_argument
    name: (identifier) @option
    value: (string) @value)))

; Mufi("…") positional
(call
  function: (_) @client
  arguments: (argument_list . (string) @value))
