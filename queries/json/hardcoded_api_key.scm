; MUFI001 hardcoded-api-key, JSON (app config, appsettings, devcontainer/launch env,
; ECS task definitions, Postman collections): literals in the places a key is given a
; name. JWTs anywhere are found by decoding, in Rust. package.json `scripts` are shell.

; "MUFI_API_KEY": "…", "mufiApiKey": "…", "Authorization": "Bearer …", "x-api-key": "…",
; and "apiKey": "…" inside a "mufi": { … } section
(pair
  key: (string) @name
  value: (string) @value)

; NAME=value lists: "env": ["MUFI_API_KEY=…"], devcontainer "runArgs": ["-e", "MUFI_API_KEY=…"]
(array
  (string) @entry @value
  (#match? @entry "^\"[A-Za-z_][A-Za-z0-9_.-]*="))

; name/value objects: ECS and CloudFormation `environment` lists, Postman headers
;   {"name": "MUFI_API_KEY", "value": "…"}, {"key": "x-api-key", "value": "…"}
(object
  (pair
    key: (string (string_content) @name_key)
    value: (string) @name)
  (pair
    key: (string (string_content) @value_key)
    value: (string) @value)
  (#match? @name_key "^(name|Name|key|Key)$")
  (#match? @value_key "^(value|Value)$"))
(object
  (pair
    key: (string (string_content) @value_key)
    value: (string) @value)
  (pair
    key: (string (string_content) @name_key)
    value: (string) @name)
  (#match? @name_key "^(name|Name|key|Key)$")
  (#match? @value_key "^(value|Value)$"))
