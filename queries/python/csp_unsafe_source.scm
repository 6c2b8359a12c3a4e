; MUFI007 csp-unsafe-source, Python.
; A policy written as one string (response["Content-Security-Policy"] = "…", Flask
; after_request, Talisman content_security_policy="…") needs no pattern here.

; django-csp 3.x settings: CSP_SCRIPT_SRC = ("'self'", "'unsafe-inline'"), CSP_FRAME_SRC = ["*"]
; and the dev settings' CSP_SCRIPT_SRC += ("'unsafe-eval'",)
(assignment
  left: (identifier) @directive
  right: [(tuple) (list) (string) (parenthesized_expression)] @sources
  (#match? @directive "^CSP_(SCRIPT_SRC|SCRIPT_SRC_ELEM|SCRIPT_SRC_ATTR|DEFAULT_SRC|FRAME_SRC|CHILD_SRC)$"))
(augmented_assignment
  left: (identifier) @directive
  right: [(tuple) (list) (string) (parenthesized_expression)] @sources
  (#match? @directive "^CSP_(SCRIPT_SRC|SCRIPT_SRC_ELEM|SCRIPT_SRC_ATTR|FRAME_SRC|CHILD_SRC)$"))

; django-csp 4.x CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [...]}} and
; Flask-Talisman content_security_policy={"script-src": [...] or "…"}. A list holding
; django-csp's NONCE constant gets a nonce per response, which makes 'unsafe-inline' inert.
(pair
  key: (string) @directive
  value: [(list) (tuple) (string)] @sources
  (#match? @directive "^[\"'](script-src|script-src-elem|script-src-attr|default-src|frame-src|child-src)[\"']$")
  (#not-match? @sources "(^|[^A-Za-z_])NONCE([^A-Za-z_]|$)"))

; django-csp 4.x constants: "script-src": [SELF, UNSAFE_INLINE]
(pair
  key: (string) @key
  value: [(list (identifier) @setting) (tuple (identifier) @setting)] @list
  (#match? @key "^[\"'](script-src|script-src-elem|script-src-attr)[\"']$")
  (#eq? @setting "UNSAFE_INLINE")
  (#not-match? @list "(^|[^A-Za-z_])NONCE([^A-Za-z_]|$)|sha(256|384|512)-|nonce-")
  (#set! message "`UNSAFE_INLINE` in script-src lets any injected inline script run, which is what a CSP is for stopping. Add `NONCE` (and `request.csp_nonce` on the scripts you need) or a hash; with one, browsers ignore 'unsafe-inline'.")
  (#set! fix.remove "")
  (#set! fix.title "Remove UNSAFE_INLINE from script-src"))
(pair
  key: (string) @key
  value: [(list (identifier) @setting) (tuple (identifier) @setting)]
  (#match? @key "^[\"'](script-src|script-src-elem|script-src-attr)[\"']$")
  (#eq? @setting "UNSAFE_EVAL")
  (#set! message "`UNSAFE_EVAL` in script-src lets injected strings run as code (eval, new Function). Remove it; most libraries have a build that does not need it.")
  (#set! fix.remove "")
  (#set! fix.title "Remove UNSAFE_EVAL from script-src"))
