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
; are read in Rust from the `"value"` pair above (`named_by_sibling`): a pattern of two
; sibling pairs is tried on every pair of every object.
