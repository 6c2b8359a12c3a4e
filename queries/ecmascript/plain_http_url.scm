; MUFI003 plain-http-url: every string and template literal; the rule reads the
; URLs inside. Comments are not captured, so URLs in comments are never flagged.
(string) @string
(template_string) @string
