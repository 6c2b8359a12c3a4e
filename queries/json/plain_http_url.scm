; MUFI003 plain-http-url, JSON: every string value (not keys). Rust finds the `http://`
; URLs inside and exempts local, single-label, reserved and schema hosts
; ("$schema": "http://json-schema.org/…"). package.json `scripts` are read as shell.

; "baseUrl": "http://…", except a JSON Schema's `$id`, which names the schema and is
; never fetched
(pair
  key: (string) @key
  value: (string) @string
  (#not-eq? @key "\"$id\""))
(array
  (string) @string)
(document
  (string) @string)
