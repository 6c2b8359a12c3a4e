; MUFI001 hardcoded-api-key, TOML (fly.toml/netlify.toml env tables, app settings,
; pyproject tool sections): literals in the places a key is given a name. JWTs anywhere
; are found by decoding, in Rust.

; MUFI_API_KEY = "…", "mufi-api-key" = '…', mufi.api_key = """…""" (the whole dotted key)
(pair
  .
  [(bare_key) (quoted_key) (dotted_key)] @name
  .
  (string) @value)

; NAME=value arrays: env = ["MUFI_API_KEY=…"]
(array
  (string) @entry @value
  (#match? @entry "^[\"']{1,3}[A-Za-z_][A-Za-z0-9_.-]*="))

; name/value inline tables: env = [{ name = "MUFI_API_KEY", value = "…" }]
(inline_table
  (pair . (bare_key) @name_key . (string) @name)
  (pair . (bare_key) @value_key . (string) @value)
  (#match? @name_key "^(name|Name|key)$")
  (#match? @value_key "^(value|Value)$"))
