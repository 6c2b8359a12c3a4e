; MUFI003 plain-http-url, Kotlin: every string literal, raw (""") strings included.
; Comments (line, block, KDoc) are never captured.
(string_literal) @string
(multiline_string_literal) @string
