; MUFI003 plain-http-url, Rust: every string literal, raw strings and byte strings
; included. Comments (doc comments too) are not captured, so URLs in them are never flagged.
(string_literal) @string
(raw_string_literal) @string
