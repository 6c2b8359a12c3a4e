; MUFI003 plain-http-url, PHP: string literals, heredoc and nowdoc bodies, and the
; HTML around the PHP tags (attributes such as href/src/action). Comments are never
; captured; an inline-HTML block holding an HTML comment with a URL is skipped whole.
(string) @string
(encapsed_string) @string
(heredoc_body) @string
(nowdoc_body) @string
((text) @string
  (#not-match? @string "<!--[^>]*[Hh][Tt][Tt][Pp]://"))
