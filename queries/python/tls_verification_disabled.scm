; MUFI004 tls-verification-disabled, Python.

; requests.get(url, verify=False), httpx.Client(verify=False), aiohttp ssl=False,
; create_connection(check_hostname=False); ssl.wrap_socket(..., cert_reqs=ssl.CERT_NONE).
; @value holds only what the rule reports (`False`; a CERT_NONE or `"none"`), so that
; `check` skips a file whose `verify=verify` cannot be one without parsing it.
(call
  function: (_) @callee
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: (_) @value) @setting)
  (#any-of? @key "verify" "ssl" "verify_ssl" "check_hostname")
  (#eq? @value "False"))
(call
  function: (_) @callee
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: (_) @value) @setting)
  (#any-of? @key "cert_reqs" "verify_mode")
  (#match? @value "^[\"'`]*(CERT_NONE|none)[\"'`]*$|\\.CERT_NONE[\"'`]*$"))

; session.verify = False, ctx.check_hostname = False, ctx.verify_mode = ssl.CERT_NONE
(assignment
  left: (attribute
    object: (_) @object
    attribute: (identifier) @key)
  right: (_) @value
  (#any-of? @key "verify" "check_hostname")
  (#eq? @value "False")) @setting
(assignment
  left: (attribute
    object: (_) @object
    attribute: (identifier) @key)
  right: (_) @value
  (#eq? @key "verify_mode")
  (#match? @value "^[\"'`]*(CERT_NONE|none)[\"'`]*$|\\.CERT_NONE[\"'`]*$")) @setting

; os.environ["PYTHONHTTPSVERIFY"] = "0", os.environ["NODE_TLS_REJECT_UNAUTHORIZED"] = "0"
(assignment
  left: (subscript subscript: (string) @key)
  right: (_) @value
  (#match? @key "^[\"'](PYTHONHTTPSVERIFY|NODE_TLS_REJECT_UNAUTHORIZED)[\"']$")) @setting

; {"cert_reqs": ssl.CERT_NONE} option dicts (websocket-client sslopt, urllib3 kwargs)
(pair
  key: (string) @key
  value: (_) @value
  (#match? @key "^[\"'](verify|check_hostname)[\"']$")
  (#eq? @value "False")) @setting
(pair
  key: (string) @key
  value: (_) @value
  (#match? @key "^[\"']cert_reqs[\"']$")
  (#match? @value "^[\"'`]*(CERT_NONE|none)[\"'`]*$|\\.CERT_NONE[\"'`]*$")) @setting

; ssl._create_unverified_context, wherever it is called or assigned
(attribute
  attribute: (identifier) @unverified
  (#eq? @unverified "_create_unverified_context")) @reference
