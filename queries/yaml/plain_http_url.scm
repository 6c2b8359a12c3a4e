; MUFI003 plain-http-url, YAML: every scalar value (not keys, never comments); Rust
; finds the `http://` URLs inside and exempts local, single-label (`http://api:8080`),
; reserved and schema hosts. `run:`/`script:` steps are shell and read as shell.

; url: http://…, "http://…", 'http://…', and block scalars (| and >); not a JSON
; Schema's `$id`, which names the schema and is never fetched
(block_mapping_pair
  key: (flow_node) @key
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @string)
  (#not-match? @key "^[\"']?\\$id[\"']?$"))
(block_mapping_pair
  value: (block_node (block_scalar) @string))
(flow_pair
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @string))

; list items: - http://…, [http://…], - MUFI_BASE_URL=http://…
(block_sequence_item
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @string))
(block_sequence_item
  (block_node (block_scalar) @string))
(flow_sequence
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @string))

; a document that is a single scalar
(document
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @string))
(document
  (block_node (block_scalar) @string))
