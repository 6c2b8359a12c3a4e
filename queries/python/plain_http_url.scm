; MUFI003 plain-http-url: every string literal; docstrings are skipped in Rust.
(string) @string
