; MUFI002 client-side-mufi-access, YAML: a Mufi key behind a public prefix
; (NEXT_PUBLIC_MUFI_API_KEY, VITE_MUFI_KEY, …) defined in an env map or list, where a
; bundler will inline it into browser code. The prefix filter mirrors PUBLIC_PREFIXES
; (src/rules/names.rs); Rust judges the names.

; env:
;   NEXT_PUBLIC_MUFI_API_KEY: ${{ secrets.MUFI_API_KEY }}
(block_mapping_pair
  key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @var @read)
  (#match? @var "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)"))
(flow_pair
  key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @var @read)
  (#match? @var "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)"))

; compose `environment:` / build `args:` lists: - VITE_MUFI_KEY=…
(block_sequence_item
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @entry)
  (#match? @entry "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)[A-Za-z0-9_]*="))
(flow_sequence
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @entry)
  (#match? @entry "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)[A-Za-z0-9_]*="))

; Kubernetes / CloudFormation env lists: - name: NEXT_PUBLIC_MUFI_API_KEY (value or valueFrom)
(block_mapping_pair
  key: (flow_node (plain_scalar) @name_key)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @var @read)
  (#match? @name_key "^(name|Name)$")
  (#match? @var "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)"))
(flow_pair
  key: (flow_node (plain_scalar) @name_key)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @var @read)
  (#match? @name_key "^(name|Name)$")
  (#match? @var "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)"))

; a bare variable name in a list, passed through from the host or the build:
; compose `environment: [- NEXT_PUBLIC_MUFI_API_KEY]`, Docker build `args: [VITE_MUFI_KEY]`
(block_sequence_item
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @var @read)
  (#match? @var "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)[A-Za-z0-9_]*[\"']?$"))
(flow_sequence
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @var @read)
  (#match? @var "^[\"']?(?i:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)[A-Za-z0-9_]*[\"']?$"))

; Mufi API URLs, should a YAML file ever ship to users
(block_mapping_pair
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @string))
(flow_pair
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @string))
(block_sequence_item
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @string))
