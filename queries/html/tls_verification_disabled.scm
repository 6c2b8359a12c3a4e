; MUFI004 tls-verification-disabled, HTML, Vue and Svelte: markup cannot switch TLS
; verification off; inline scripts (Electron renderers, Node-integrated pages) are read
; with the JavaScript and TypeScript queries. This file is intentionally without patterns
; beyond one that never matches, so that the language's query set is complete.
((attribute_name) @never (#eq? @never "\u0000"))
