; MUFI007 csp-unsafe-source, PHP.
; A policy written as one string ($response->headers->set('Content-Security-Policy', "…"),
; header("Content-Security-Policy: …"), implode of directive strings) needs no pattern here.

; spatie/laravel-csp: ->addDirective(Directive::SCRIPT, [Keyword::SELF, Keyword::UNSAFE_EVAL])
; (v3 presets: $policy->add(Directive::SCRIPT, …)). Keyword::UNSAFE_INLINE is left alone:
; the Basic policy most apps extend adds a nonce to script-src, which makes it inert.
(member_call_expression
  name: (name) @method
  arguments: (arguments
    (argument (class_constant_access_expression) @directive)
    (argument) @setting)
  (#any-of? @method "addDirective" "add")
  (#match? @directive "^Directive::SCRIPT(_ELEM|_ATTR)?$")
  (#match? @setting "Keyword::UNSAFE_EVAL")
  (#set! message "`Keyword::UNSAFE_EVAL` in script-src lets injected strings run as code (eval, new Function). Remove it; most libraries have a build that does not need it."))
