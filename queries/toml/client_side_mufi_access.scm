; MUFI002 client-side-mufi-access, TOML: a Mufi key behind a public prefix
; (NEXT_PUBLIC_MUFI_API_KEY, VITE_MUFI_KEY, …) defined in an env table
; (netlify.toml [build.environment], fly.toml [env], wrangler.toml [vars]), where a
; bundler will inline it into browser code. The prefix filter mirrors PUBLIC_PREFIXES
; (src/rules/names.rs); Rust judges the names.

; NEXT_PUBLIC_MUFI_API_KEY = "…"
(pair
  .
  [(bare_key) (quoted_key)] @var @read
  (#match? @var "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)"))
; environment.VITE_MUFI_KEY = "…": the last part of a dotted key
(pair
  .
  (dotted_key [(bare_key) (quoted_key)] @var @read .)
  (#match? @var "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)"))

; env = ["VITE_MUFI_KEY=…"]
(array
  (string) @entry
  (#match? @entry "^[\"']{1,3}(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)[A-Za-z0-9_]*="))

; Mufi API URLs, should a TOML file ever ship to users
(pair (string) @string)
(array (string) @string)
