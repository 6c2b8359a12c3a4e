; MUFI004 tls-verification-disabled, Dart: a badCertificateCallback (dart:io HttpClient,
; also behind Dio's IOHttpClientAdapter and HttpOverrides) that returns true accepts every
; certificate the platform rejected. A callback that decides (`host == 'localhost'`,
; comparing a pinned fingerprint, any `return false`) is not matched.

; client.badCertificateCallback = (X509Certificate cert, String host, int port) => true;
(expression_statement
  (assignment_expression
    left: (assignable_expression property: (identifier) @key)
    right: [
      (function_expression body: (function_expression_body (true)))
      (function_expression body: (function_expression_body (block (return_statement (true)))) @body)
      (parenthesized_expression (function_expression body: (function_expression_body (true))))
    ])
  (#eq? @key "badCertificateCallback")
  (#not-match? @body "return\\s+false|throw\\s")
  (#set! message "This badCertificateCallback returns true, so HttpClient accepts every certificate it would have rejected: expired, self-signed or issued for another host. Anyone on the network path can impersonate the server and read your Mufi key. Remove it; to trust a private CA, load it into a SecurityContext with setTrustedCertificates.")
  (#set! fix.remove "")
  (#set! fix.title "Remove badCertificateCallback (bad certificates are rejected)")) @setting

; HttpClient()..badCertificateCallback = (cert, host, port) => true, in HttpOverrides and
; Dio's IOHttpClientAdapter(createHttpClient: …)
(cascade_section
  (cascade_selector (identifier) @key)
  .
  [
    (function_expression body: (function_expression_body (true)))
    (function_expression body: (function_expression_body (block (return_statement (true)))) @body)
    (parenthesized_expression (function_expression body: (function_expression_body (true))))
  ]
  (#eq? @key "badCertificateCallback")
  (#not-match? @body "return\\s+false|throw\\s")
  (#set! message "This badCertificateCallback returns true, so HttpClient accepts every certificate it would have rejected: expired, self-signed or issued for another host. Anyone on the network path can impersonate the server and read your Mufi key. Remove it; to trust a private CA, load it into a SecurityContext with setTrustedCertificates.")
  (#set! fix.remove "")
  (#set! fix.title "Remove badCertificateCallback (bad certificates are rejected)")) @setting
