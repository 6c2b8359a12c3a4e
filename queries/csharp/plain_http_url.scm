; MUFI003 plain-http-url, C#: every string literal (regular, verbatim, raw, interpolated);
; the rule reads the URLs inside. Comments and XML doc comments are never captured.
(string_literal) @string
(verbatim_string_literal) @string
(raw_string_literal) @string
(interpolated_string_expression) @string
