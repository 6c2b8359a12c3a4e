; MUFI003 plain-http-url, Dart: every string literal (single, double, triple-quoted, raw,
; adjacent); the rule reads the URLs inside. Comments and doc comments are never captured.
(string_literal) @string
