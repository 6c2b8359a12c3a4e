; MUFI007 csp-unsafe-source, C#.
; A policy written as one string (Response.Headers["Content-Security-Policy"] = "…",
; Headers.Append(…), string.Join of directive strings) needs no pattern here. These
; patterns read the builder APIs, where sources are method calls, not strings.

; NetEscapades.AspNetCore.SecurityHeaders: builder.AddScriptSrc().Self().UnsafeInline();
; One statement is one directive; .WithNonce()/.WithHash…() anywhere in it makes
; 'unsafe-inline' inert.
(expression_statement
  (invocation_expression) @setting
  (#match? @setting "^[A-Za-z_][A-Za-z0-9_]*\\s*\\.\\s*AddScriptSrc(Elem|Attr)?\\(\\)[^;{}]*\\.\\s*UnsafeInline\\(\\)")
  (#not-match? @setting "\\.\\s*(WithNonce|WithHash[A-Za-z0-9]*)\\(")
  (#set! message "`.UnsafeInline()` in script-src lets any injected inline script run, which is what a CSP is for stopping. Add `.WithNonce()` (and `asp-add-nonce` on the scripts you need) or a hash; with one, browsers ignore 'unsafe-inline'."))
(expression_statement
  (invocation_expression) @setting
  (#match? @setting "^[A-Za-z_][A-Za-z0-9_]*\\s*\\.\\s*AddScriptSrc(Elem|Attr)?\\(\\)[^;{}]*\\.\\s*UnsafeEval\\(\\)")
  (#set! message "`.UnsafeEval()` in script-src lets injected strings run as code (eval, new Function). Remove it; most libraries have a build that does not need it."))
(expression_statement
  (invocation_expression) @setting
  (#match? @setting "^[A-Za-z_][A-Za-z0-9_]*\\s*\\.\\s*AddScriptSrc(Elem|Attr)?\\(\\)[^;{}]*\\.\\s*Data\\(\\)")
  (#set! message "`.Data()` in script-src lets an injected <script src=\"data:…\"> run. Remove it."))
(expression_statement
  (invocation_expression) @setting
  (#match? @setting "^[A-Za-z_][A-Za-z0-9_]*\\s*\\.\\s*AddScriptSrc(Elem|Attr)?\\(\\)[^;{}]*\\.\\s*From\\(\\s*\"(\\*|http:|data:)\"\\s*\\)")
  (#set! message "A `*`, `http:` or `data:` source in script-src lets an injected <script src> load from anywhere. List the https hosts you serve script from."))
(expression_statement
  (invocation_expression) @setting
  (#match? @setting "^[A-Za-z_][A-Za-z0-9_]*\\s*\\.\\s*Add(FrameSrc|FrameSource|ChildSrc)\\(\\)[^;{}]*\\.\\s*From\\(\\s*\"\\*\"\\s*\\)")
  (#set! message "`From(\"*\")` in frame-src lets any site be framed in your pages. List the origins you embed."))

; NWebsec: app.UseCsp(o => o.ScriptSources(s => s.Self().UnsafeEval()))
(invocation_expression
  function: (member_access_expression name: (identifier) @directive)
  arguments: (argument_list (argument (lambda_expression) @setting))
  (#eq? @directive "ScriptSources")
  (#match? @setting "\\.\\s*UnsafeInline\\(\\)")
  (#set! message "`UnsafeInline()` in ScriptSources lets any injected inline script run, which is what a CSP is for stopping. Use nonces (the `nws-csp-add-nonce` tag helper) for the scripts you need."))
(invocation_expression
  function: (member_access_expression name: (identifier) @directive)
  arguments: (argument_list (argument (lambda_expression) @setting))
  (#eq? @directive "ScriptSources")
  (#match? @setting "\\.\\s*UnsafeEval\\(\\)")
  (#set! message "`UnsafeEval()` in ScriptSources lets injected strings run as code (eval, new Function). Remove it; most libraries have a build that does not need it."))
(invocation_expression
  function: (member_access_expression name: (identifier) @directive)
  arguments: (argument_list (argument (lambda_expression) @setting))
  (#any-of? @directive "ScriptSources" "FrameSources" "ChildSources")
  (#match? @setting "CustomSources\\([^)]*\"\\*\"")
  (#set! message "`CustomSources(\"*\")` allows any host here: script from anywhere, or any site framed in your pages. List the origins you need."))
