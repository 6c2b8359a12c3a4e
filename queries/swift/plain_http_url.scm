; MUFI003 plain-http-url, Swift: every string literal (single-line, multi-line, raw);
; the rule reads the URLs inside. Comments are never captured.
(line_string_literal) @string
(multi_line_string_literal) @string
(raw_string_literal) @string
