; MUFI007 csp-unsafe-source, YAML.
; A policy written as one value (Traefik `contentSecurityPolicy: "…"`, custom response
; headers, helm values, an ingress-nginx `add_header` snippet) needs no pattern here.

; NelmioSecurityBundle (Symfony): csp: enforce: script-src: ["'self'", "'unsafe-eval'"]
; or a sequence of items. Double-quoted "'unsafe-eval'" and '*' items are judged in Rust.
(block_mapping_pair
  key: (flow_node) @directive
  value: [
    (block_node (block_sequence))
    (flow_node (flow_sequence))
  ] @sources
  (#match? @directive "^[\"']?(script-src|script-src-elem|script-src-attr|frame-src|child-src)[\"']?$"))

; Nelmio also takes keywords without their CSP quotes: - 'unsafe-inline' (YAML quotes)
; or - unsafe-inline. Rust reads those as the word unsafe-inline, so they are named here.
(block_mapping_pair
  key: (flow_node) @key
  value: (block_node
    (block_sequence
      (block_sequence_item
        (flow_node [(single_quote_scalar) (plain_scalar)] @value)) @setting)) @list
  (#match? @key "^[\"']?script-src(-elem|-attr)?[\"']?$")
  (#match? @value "^'?unsafe-inline'?$")
  (#not-match? @list "nonce-|sha(256|384|512)-")
  (#set! message "`unsafe-inline` in script-src lets any injected inline script run, which is what a CSP is for stopping. Use nonces (`csp_nonce('script')` in Twig) or hashes for the scripts you need; with one, browsers ignore 'unsafe-inline'.")
  (#set! fix.remove "")
  (#set! fix.title "Remove 'unsafe-inline' from the policy"))
(block_mapping_pair
  key: (flow_node) @key
  value: (flow_node
    (flow_sequence
      (flow_node [(single_quote_scalar) (plain_scalar)] @value @setting))) @list
  (#match? @key "^[\"']?script-src(-elem|-attr)?[\"']?$")
  (#match? @value "^'?unsafe-inline'?$")
  (#not-match? @list "nonce-|sha(256|384|512)-")
  (#set! message "`unsafe-inline` in script-src lets any injected inline script run, which is what a CSP is for stopping. Use nonces (`csp_nonce('script')` in Twig) or hashes for the scripts you need; with one, browsers ignore 'unsafe-inline'.")
  (#set! fix.remove "")
  (#set! fix.title "Remove 'unsafe-inline' from the policy"))
(block_mapping_pair
  key: (flow_node) @key
  value: (block_node
    (block_sequence
      (block_sequence_item
        (flow_node [(single_quote_scalar) (plain_scalar)] @value)) @setting))
  (#match? @key "^[\"']?script-src(-elem|-attr)?[\"']?$")
  (#match? @value "^'?unsafe-eval'?$")
  (#set! message "`unsafe-eval` in script-src lets injected strings run as code (eval, new Function). Remove it; most libraries have a build that does not need it.")
  (#set! fix.remove "")
  (#set! fix.title "Remove 'unsafe-eval' from the policy"))
(block_mapping_pair
  key: (flow_node) @key
  value: (flow_node
    (flow_sequence
      (flow_node [(single_quote_scalar) (plain_scalar)] @value @setting)))
  (#match? @key "^[\"']?script-src(-elem|-attr)?[\"']?$")
  (#match? @value "^'?unsafe-eval'?$")
  (#set! message "`unsafe-eval` in script-src lets injected strings run as code (eval, new Function). Remove it; most libraries have a build that does not need it.")
  (#set! fix.remove "")
  (#set! fix.title "Remove 'unsafe-eval' from the policy"))
