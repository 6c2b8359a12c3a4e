; MUFI004 tls-verification-disabled, Swift.

; A challenge handler (URLSessionDelegate, WKNavigationDelegate, an Alamofire 4 closure taking
; `challenge`) that answers .useCredential with a server-trust credential without evaluating
; the trust. The trust counts as evaluated when the body calls SecTrustEvaluate*, reads the
; certificate or key to compare it with a pinned one, or calls a helper named for checking
; (`validate…(`, `verify…(`, `evaluate…(`, `pinning….`, TrustKit).
; Queries cannot search a subtree, so the patterns list each depth of the `useCredential`
; identifier below the function body or closure. They are rooted at function_body and
; lambda_literal and match a bare identifier: patterns rooted at function_declaration, or
; spelling out `.useCredential`, are many times slower to compile for the Swift grammar.

((function_body
  [
    (_ (_ (simple_identifier) @value @setting))
    (_ (_ (_ (simple_identifier) @value @setting)))
    (_ (_ (_ (_ (simple_identifier) @value @setting))))
    (_ (_ (_ (_ (_ (simple_identifier) @value @setting)))))
    (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting))))))
    (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting)))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting))))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting)))))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting))))))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting)))))))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting))))))))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting)))))))))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting))))))))))))))
  ]) @body
  (#eq? @value "useCredential")
  (#match? @body "URLCredential\\s*\\(\\s*trust:|\\.serverTrust\\b")
  (#not-match? @body "SecTrustEvaluate|SecCertificateCopyData|SecCertificateCopyKey|SecTrustCopyKey|SecTrustCopyPublicKey|SecTrustCopyCertificateChain|SecTrustGetCertificateAtIndex|TrustKit|[Vv]alidat\\w*\\s*\\(|[Vv]erif\\w*\\s*\\(|[Ee]valuat\\w*\\s*\\(|[Pp]inn\\w*\\s*[.(]")
  (#set! message "Answering a server-trust challenge with .useCredential without evaluating the trust accepts any certificate, so anyone on the network path can impersonate the server and read your Mufi key. Evaluate it first with SecTrustEvaluateWithError (cancel the challenge when it fails), or answer .performDefaultHandling to let the system check the certificate.")
  (#set! fix.replace "performDefaultHandling")
  (#set! fix.title "Answer .performDefaultHandling (the system evaluates the certificate)"))

; An Alamofire 4 `sessionDidReceiveChallenge = { session, challenge in … }` closure.
((lambda_literal
  [
    (_ (_ (simple_identifier) @value @setting))
    (_ (_ (_ (simple_identifier) @value @setting)))
    (_ (_ (_ (_ (simple_identifier) @value @setting))))
    (_ (_ (_ (_ (_ (simple_identifier) @value @setting)))))
    (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting))))))
    (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting)))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting))))))))
    (_ (_ (_ (_ (_ (_ (_ (_ (_ (simple_identifier) @value @setting)))))))))
  ]) @body
  (#eq? @value "useCredential")
  (#match? @body "URLCredential\\s*\\(\\s*trust:|\\.serverTrust\\b")
  (#match? @body "\\bchallenge\\s+in\\b")
  (#not-match? @body "SecTrustEvaluate|SecCertificateCopyData|SecCertificateCopyKey|SecTrustCopyKey|SecTrustCopyPublicKey|SecTrustCopyCertificateChain|SecTrustGetCertificateAtIndex|TrustKit|[Vv]alidat\\w*\\s*\\(|[Vv]erif\\w*\\s*\\(|[Ee]valuat\\w*\\s*\\(|[Pp]inn\\w*\\s*[.(]")
  (#set! message "Answering a server-trust challenge with .useCredential without evaluating the trust accepts any certificate, so anyone on the network path can impersonate the server and read your Mufi key. Evaluate it first with SecTrustEvaluateWithError (cancel the challenge when it fails), or answer .performDefaultHandling to let the system check the certificate.")
  (#set! fix.replace "performDefaultHandling")
  (#set! fix.title "Answer .performDefaultHandling (the system evaluates the certificate)"))

; Alamofire 5: ServerTrustManager(evaluators: ["api.mufi.app": DisabledTrustEvaluator()])
(call_expression
  (simple_identifier) @evaluator
  (call_suffix)
  (#any-of? @evaluator "DisabledTrustEvaluator" "DisabledEvaluator")
  (#set! message "Alamofire's DisabledTrustEvaluator accepts any certificate for this host, so anyone on the network path can impersonate the server and read your Mufi key. Use DefaultTrustEvaluator(), or PinnedCertificatesTrustEvaluator() for a private CA.")
  (#set! fix.replace "DefaultTrustEvaluator()")
  (#set! fix.title "Use DefaultTrustEvaluator()")
  (#set! fix.safe "")) @setting

; Alamofire 4: ServerTrustPolicyManager(policies: ["api.mufi.app": .disableEvaluation])
([
  (prefix_expression target: (simple_identifier) @policy)
  (navigation_expression
    target: (simple_identifier) @policy_type
    suffix: (navigation_suffix suffix: (simple_identifier) @policy))
]
  (#eq? @policy "disableEvaluation")
  (#eq? @policy_type "ServerTrustPolicy")
  (#set! message "Alamofire's .disableEvaluation server trust policy accepts any certificate for this host, so anyone on the network path can impersonate the server and read your Mufi key. Use .performDefaultEvaluation(validateHost: true), or pin your private CA with .pinCertificates.")
  (#set! fix.replace ".performDefaultEvaluation(validateHost: true)")
  (#set! fix.title "Use .performDefaultEvaluation(validateHost: true)")
  (#set! fix.safe "")) @setting

; DefaultTrustEvaluator(validateHost: false), RevocationTrustEvaluator(…, validateHost: false),
; PinnedCertificatesTrustEvaluator(…, validateHost: false), Alamofire 4
; .performDefaultEvaluation(validateHost: false), .pinCertificates(…, validateHost: false)
(call_expression
  [
    (simple_identifier) @evaluator
    (prefix_expression target: (simple_identifier) @evaluator)
  ]
  (call_suffix (value_arguments
    (value_argument
      name: (value_argument_label (simple_identifier) @key)
      value: (boolean_literal) @value) @setting))
  (#match? @evaluator "TrustEvaluator$|^(performDefaultEvaluation|performRevokedEvaluation|pinCertificates|pinPublicKeys)$")
  (#eq? @key "validateHost")
  (#eq? @value "false")
  (#set! message "`validateHost: false` accepts a valid certificate issued for any host, so anyone with a certificate for another site can impersonate the server and read your Mufi key. Keep host validation on.")
  (#set! fix.replace "true")
  (#set! fix.title "Set validateHost to true")
  (#set! fix.safe ""))

; Starscream 3: socket.disableSSLCertValidation = true
(assignment
  target: (directly_assignable_expression
    (navigation_expression suffix: (navigation_suffix suffix: (simple_identifier) @key)))
  result: (boolean_literal) @value
  (#eq? @key "disableSSLCertValidation")
  (#eq? @value "true")
  (#set! message "`disableSSLCertValidation = true` makes the WebSocket accept any certificate, so anyone on the network path can impersonate the server and read your Mufi key. Remove it, or pin your private CA with SSLSecurity/FoundationSecurity.")
  (#set! fix.replace "false")
  (#set! fix.title "Set disableSSLCertValidation to false")
  (#set! fix.safe "")) @setting

; Starscream 4: FoundationSecurity(allowSelfSigned: true)
(call_expression
  (simple_identifier) @type
  (call_suffix (value_arguments
    (value_argument
      name: (value_argument_label (simple_identifier) @key)
      value: (boolean_literal) @value) @setting))
  (#eq? @type "FoundationSecurity")
  (#eq? @key "allowSelfSigned")
  (#eq? @value "true")
  (#set! message "`allowSelfSigned: true` makes the WebSocket accept self-signed certificates, so anyone on the network path can impersonate the server and read your Mufi key. Remove it, or pin your own certificate.")
  (#set! fix.replace "false")
  (#set! fix.title "Set allowSelfSigned to false")
  (#set! fix.safe ""))

; Network.framework: sec_protocol_options_set_verify_block(options, { _, _, complete in complete(true) }, queue)
(call_expression
  (simple_identifier) @function
  (call_suffix (value_arguments
    (value_argument
      value: (lambda_literal
        (statements
          (call_expression
            (simple_identifier)
            (call_suffix (value_arguments
              .
              (value_argument value: (boolean_literal) @result)
              .))) @setting)) @body)))
  (#eq? @function "sec_protocol_options_set_verify_block")
  (#eq? @result "true")
  (#not-match? @body "SecTrustEvaluate")
  (#set! message "This verify block completes with true without evaluating the trust, so every certificate is accepted and anyone on the network path can impersonate the server. Evaluate sec_trust_copy_ref(trust) with SecTrustEvaluateWithError and complete with its result, or drop the verify block."))
