; MUFI003 plain-http-url, Java: every string literal, text blocks included. Comments
; (line, block, Javadoc) are never captured.
(string_literal) @string
