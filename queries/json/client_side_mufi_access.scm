; MUFI002 client-side-mufi-access, JSON: a Mufi key behind a public prefix
; (NEXT_PUBLIC_MUFI_API_KEY, VITE_MUFI_KEY, …) defined in an env map or list
; (vercel.json, devcontainer.json, launch.json, ECS task definitions, turbo.json), where
; a bundler will inline it into browser code. The prefix filter mirrors
; PUBLIC_PREFIXES (src/rules/names.rs); Rust judges the names.

; "env": { "NEXT_PUBLIC_MUFI_API_KEY": "…" }: a public-prefix name, flagged everywhere
(pair
  key: (string) @var @read
  (#match? @var "^\"(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)"))

; "env": ["VITE_MUFI_KEY=…"]
(array
  (string) @entry
  (#match? @entry "^\"[A-Za-z_][A-Za-z0-9_]*="))

; turbo.json "env": ["NEXT_PUBLIC_MUFI_API_KEY"], "globalEnv": [ … ]
(array
  (string) @var @read
  (#match? @var "^\"(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)[A-Za-z0-9_]*\"$"))

; {"name": "NEXT_PUBLIC_MUFI_API_KEY", "value": "…"} (ECS, CloudFormation)
(pair
  key: (string (string_content) @name_key)
  value: (string) @var @read
  (#match? @name_key "^(name|Name)$")
  (#match? @var "^\"(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)"))

; Mufi API URLs, for JSON that ships to users (`<script type="application/json">`)
(pair
  value: (string) @string)
(array
  (string) @string)
