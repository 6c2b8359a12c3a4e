; MUFI003 plain-http-url, Go: every string literal, interpreted and raw (struct tags
; included). Comments are not captured, so URLs in comments are never flagged.
(interpreted_string_literal) @string
(raw_string_literal) @string
