; MUFI007 csp-unsafe-source, JavaScript and TypeScript.
; A policy written as one string (res.setHeader, next.config.js `headers()`, a template
; literal, an array of directive strings) is read from every string with no pattern here.
; These patterns add directives given as source lists, and the switch that turns helmet's
; policy off.

; helmet / @fastify/helmet / nuxt-security directives:
;   scriptSrc: ["'self'", "'unsafe-inline'"], 'script-src': [...], frameSrc: "*"
; A list whose sources depend on a development check (`...(isDev ? ["'unsafe-eval'"] : [])`)
; is left alone: what ships is the production branch.
(pair
  key: [(property_identifier) (string)] @directive
  value: [(array) (string) (template_string)] @sources
  (#match? @directive "^[\"']?(scriptSrc|scriptSrcElem|scriptSrcAttr|script-src|script-src-elem|script-src-attr|defaultSrc|default-src|frameSrc|frame-src|childSrc|child-src)[\"']?$")
  (#not-match? @sources "isDev|isDevelopment|NODE_ENV|__DEV__|import\\.meta\\.env\\.DEV|[\"']development[\"']"))

; directives["script-src"] = [...]; directives.scriptSrc = [...]
(assignment_expression
  left: (member_expression property: (property_identifier) @directive)
  right: (array) @sources
  (#match? @directive "^(scriptSrc|scriptSrcElem|scriptSrcAttr|frameSrc|childSrc)$"))
(assignment_expression
  left: (subscript_expression index: (string) @directive)
  right: (array) @sources
  (#match? @directive "^[\"'](script-src|script-src-elem|script-src-attr|frame-src|child-src|scriptSrc|frameSrc|childSrc)[\"']$"))

; const scriptSrc = ["'self'", ...]  (then passed as a shorthand property)
(variable_declarator
  name: (identifier) @directive
  value: (array) @sources
  (#match? @directive "^(scriptSrc|scriptSrcElem|scriptSrcAttr|frameSrc|childSrc|SCRIPT_SRC|FRAME_SRC|CHILD_SRC)$")
  (#not-match? @sources "isDev|isDevelopment|NODE_ENV|__DEV__|import\\.meta\\.env\\.DEV|[\"']development[\"']"))

; scriptSrc.push("'unsafe-eval'"), directives.scriptSrc.push(...), directives["script-src"].push(...)
(call_expression
  function: (member_expression
    object: [
      (identifier) @directive
      (member_expression property: (property_identifier) @directive)
      (subscript_expression index: (string) @directive)
    ]
    property: (property_identifier) @method)
  arguments: (arguments) @sources
  (#match? @directive "^[\"']?(scriptSrc|scriptSrcElem|scriptSrcAttr|script-src|script-src-elem|script-src-attr|frameSrc|frame-src|childSrc|child-src|SCRIPT_SRC|FRAME_SRC|CHILD_SRC)[\"']?$")
  (#any-of? @method "push" "unshift" "concat"))

; helmet({ contentSecurityPolicy: false }): no policy at all.
(pair
  key: [(property_identifier) (string)] @key
  value: (false) @value
  (#match? @key "^[\"']?contentSecurityPolicy[\"']?$")
  (#set! message "`{setting}` turns helmet's Content-Security-Policy off, so nothing stops an injected script from calling your API as the signed-in user. Remove it to get helmet's strict default, or pass `directives` that list what the page loads.")
  (#set! fix.remove "")
  (#set! fix.title "Remove `contentSecurityPolicy: false` (turns helmet's default policy on; check the page still loads)")) @setting
