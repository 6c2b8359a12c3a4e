; MUFI003 plain-http-url, Ruby: every string literal, heredoc body and %w[] word.
; Comments (including =begin/=end blocks) are never captured.
(string) @string
(heredoc_body) @string
(bare_string) @string
