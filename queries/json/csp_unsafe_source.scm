; MUFI007 csp-unsafe-source, JSON.
; A policy written as one value (vercel.json / firebase.json `headers`, a browser
; extension manifest's `content_security_policy`) needs no pattern here.

; Directives given one by one: Tauri `"security": { "csp": { "script-src": ["'self'", …] } }`,
; and other tools that take a directive map. Each value is a list or one string of sources.
(pair
  key: (string) @directive
  value: [(array) (string)] @sources
  (#match? @directive "^\"(script-src|script-src-elem|script-src-attr|frame-src|child-src|scriptSrc|scriptSrcElem|scriptSrcAttr|frameSrc|childSrc)\"$"))
