; MUFI003 plain-http-url, shell (and Dockerfiles, read as shell): every word and
; string that can hold a URL: command arguments, assignment values, `${VAR:-default}`
; defaults, here-document bodies. Comments are `comment` nodes and never captured.
; Rust finds the `http://` URLs inside and exempts local, reserved and schema hosts.

(word) @string
(string) @string
(raw_string) @string
(ansi_c_string) @string
(translated_string) @string
(heredoc_body) @string
