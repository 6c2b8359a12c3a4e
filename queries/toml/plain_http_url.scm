; MUFI003 plain-http-url, TOML: every string value (keys are never strings here:
; quoted keys are `quoted_key`). Rust finds the `http://` URLs inside and exempts local,
; single-label, reserved and schema hosts.
(pair (string) @string)
(array (string) @string)
