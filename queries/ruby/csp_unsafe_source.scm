; MUFI007 csp-unsafe-source, Ruby.
; A policy written as one string (response.headers["Content-Security-Policy"] = "…",
; Sinatra `headers`) needs no pattern here.

; Rails: config.content_security_policy do |policy| policy.script_src :self, "'unsafe-eval'" end
; Strings among the arguments ("*", "'unsafe-eval'") are judged in Rust; symbols below.
; A directive set under `if Rails.env.development?` only reaches the dev server.
(body_statement
  (call
    receiver: (identifier)
    method: (identifier) @directive
    arguments: (argument_list) @sources)
  (#match? @directive "^(script_src|script_src_elem|script_src_attr|frame_src|child_src)$"))
(block_body
  (call
    receiver: (identifier)
    method: (identifier) @directive
    arguments: (argument_list) @sources)
  (#match? @directive "^(script_src|script_src_elem|script_src_attr|frame_src|child_src)$"))
(if_modifier
  body: (call
    receiver: (identifier)
    method: (identifier) @directive
    arguments: (argument_list) @sources)
  condition: (_) @condition
  (#match? @directive "^(script_src|script_src_elem|script_src_attr|frame_src|child_src)$")
  (#not-match? @condition "development|test"))

; The same directives' symbols: policy.script_src :self, :unsafe_inline
(body_statement
  (call
    receiver: (identifier)
    method: (identifier) @value
    arguments: (argument_list (simple_symbol) @setting))
  (#match? @value "^script_src(_elem|_attr)?$")
  (#eq? @setting ":unsafe_inline")
  (#set! message "`:unsafe_inline` in {value} lets any injected inline script run, which is what a CSP is for stopping. Set `content_security_policy_nonce_generator` (with script-src in its directives) and mark the scripts you need with `nonce: true`; then remove it."))
(block_body
  (call
    receiver: (identifier)
    method: (identifier) @value
    arguments: (argument_list (simple_symbol) @setting))
  (#match? @value "^script_src(_elem|_attr)?$")
  (#eq? @setting ":unsafe_inline")
  (#set! message "`:unsafe_inline` in {value} lets any injected inline script run, which is what a CSP is for stopping. Set `content_security_policy_nonce_generator` (with script-src in its directives) and mark the scripts you need with `nonce: true`; then remove it."))
(if_modifier
  body: (call
    receiver: (identifier)
    method: (identifier) @value
    arguments: (argument_list (simple_symbol) @setting))
  condition: (_) @condition
  (#match? @value "^script_src(_elem|_attr)?$")
  (#eq? @setting ":unsafe_inline")
  (#not-match? @condition "development|test")
  (#set! message "`:unsafe_inline` in {value} lets any injected inline script run, which is what a CSP is for stopping. Set `content_security_policy_nonce_generator` (with script-src in its directives) and mark the scripts you need with `nonce: true`; then remove it."))
(body_statement
  (call
    receiver: (identifier)
    method: (identifier) @value
    arguments: (argument_list (simple_symbol) @setting))
  (#match? @value "^script_src(_elem|_attr)?$")
  (#any-of? @setting ":unsafe_eval" ":data" ":http")
  (#set! message "`{setting}` in {value} lets injected script run (through eval, or from a data: or plain-HTTP URL). Remove it."))
(block_body
  (call
    receiver: (identifier)
    method: (identifier) @value
    arguments: (argument_list (simple_symbol) @setting))
  (#match? @value "^script_src(_elem|_attr)?$")
  (#any-of? @setting ":unsafe_eval" ":data" ":http")
  (#set! message "`{setting}` in {value} lets injected script run (through eval, or from a data: or plain-HTTP URL). Remove it."))
(if_modifier
  body: (call
    receiver: (identifier)
    method: (identifier) @value
    arguments: (argument_list (simple_symbol) @setting))
  condition: (_) @condition
  (#match? @value "^script_src(_elem|_attr)?$")
  (#any-of? @setting ":unsafe_eval" ":data" ":http")
  (#not-match? @condition "development|test")
  (#set! message "`{setting}` in {value} lets injected script run (through eval, or from a data: or plain-HTTP URL). Remove it."))

; secure_headers: config.csp = { script_src: ["'self'", "'unsafe-inline'"], "frame-src" => "*" }
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @directive
  value: [(array) (string)] @sources
  (#match? @directive "^:?[\"']?(script[_-]src([_-]elem|[_-]attr)?|frame[_-]src|child[_-]src)[\"']?$"))
; config.csp[:script_src] = ["'self'", "'unsafe-eval'"]
(assignment
  left: (element_reference (simple_symbol) @directive)
  right: [(array) (string)] @sources
  (#match? @directive "^:(script_src(_elem|_attr)?|frame_src|child_src)$"))

; secure_headers with word arrays: script_src: %w('self' 'unsafe-inline'). The words are
; not string literals to the Rust side, so each source is named here.
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @key
  value: (string_array (bare_string) @setting) @list
  (#match? @key "^:?[\"']?script[_-]src([_-]elem|[_-]attr)?[\"']?$")
  (#eq? @setting "'unsafe-inline'")
  (#not-match? @list "'(nonce|sha256|sha384|sha512)-")
  (#set! message "`'unsafe-inline'` in script-src lets any injected inline script run, which is what a CSP is for stopping. Use a nonce (`nonced_javascript_tag`) or hash for the scripts you need; with one, browsers ignore 'unsafe-inline'.")
  (#set! fix.remove "")
  (#set! fix.title "Remove 'unsafe-inline' from the policy"))
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @key
  value: (string_array (bare_string) @setting)
  (#match? @key "^:?[\"']?script[_-]src([_-]elem|[_-]attr)?[\"']?$")
  (#any-of? @setting "'unsafe-eval'" "*" "data:" "http:")
  (#set! message "`{setting}` in script-src lets injected script run (through eval, or from any host, a data: or a plain-HTTP URL). Remove it; list the https hosts you serve script from.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the source from the policy"))
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @value
  value: (string_array (bare_string) @setting)
  (#match? @value "^:?[\"']?(frame|child)[_-]src[\"']?$")
  (#eq? @setting "*")
  (#set! message "`*` in {value} lets any site be framed in your pages. List the origins you embed.")
  (#set! fix.remove "")
  (#set! fix.title "Remove * from the policy"))
