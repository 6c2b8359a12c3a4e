; MUFI001 hardcoded-api-key, YAML (docker compose, Kubernetes, CI workflows, app config):
; literals in the places a key is given a name. JWTs anywhere (comments included) are
; found by decoding, in Rust. `run:`/`script:` steps are shell, read by the shell queries.

; MUFI_API_KEY: mk_live_…, mufi.api-key: "…", Authorization: "Bearer …", x-api-key: …
(block_mapping_pair
  key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @name)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @value))

; environment: { MUFI_API_KEY: "…" }
(flow_pair
  key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @name)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @value))

; compose `environment:` lists and other NAME=value lists:
;   - MUFI_API_KEY=mk_live_…
;   - "MUFI_API_KEY=mk_live_…"
(block_sequence_item
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @entry @value)
  (#match? @entry "^[\"']?[A-Za-z_][A-Za-z0-9_.-]*="))

; environment: ["MUFI_API_KEY=…"]
(flow_sequence
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @entry @value)
  (#match? @entry "^[\"']?[A-Za-z_][A-Za-z0-9_.-]*="))

; Kubernetes / ECS env lists, where the name and the value are siblings in one mapping,
;   - name: MUFI_API_KEY
;     value: "mk_live_…"
;   - { name: MUFI_API_KEY, value: "…" }
; are read in Rust from the `value` pair above (`named_by_sibling`): a pattern of two
; sibling pairs is tried on every pair of every mapping.
