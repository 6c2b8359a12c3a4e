; MUFI004 tls-verification-disabled, C#: certificate validation callbacks that accept every
; certificate, and HttpClientHandler.DangerousAcceptAnyServerCertificateValidator.
; A callback accepts every certificate when it is `… => true`, or when every `return` in it
; returns true and nothing throws (`delegate { return true; }`, a block that logs and returns
; true). One that looks at the errors (`errors == SslPolicyErrors.None`, pinning that can
; return false) is not matched. Callbacks are judged on their text, since spelling out every
; lambda shape makes the patterns several times slower to compile.

; handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;
; ServicePointManager.ServerCertificateValidationCallback += delegate { return true; };
; … = new RemoteCertificateValidationCallback((s, c, ch, e) => true);
(expression_statement
  (assignment_expression
    left: [
      (identifier) @key
      (member_access_expression name: (identifier) @key)
    ]
    right: [(lambda_expression) (anonymous_method_expression) (object_creation_expression)] @callback)
  (#any-of? @key "ServerCertificateCustomValidationCallback" "ServerCertificateValidationCallback" "RemoteCertificateValidationCallback")
  (#match? @callback "=>\\s*true\\s*\\)?\\s*$|\\breturn\\s+true\\s*;")
  (#not-match? @callback "return\\s+([^t\\s;]|t[^r]|tr[^u]|tru[^e]|true\\w)|throw\\s|Dangerous")
  (#set! message "This certificate validation callback returns true for every certificate: expired, self-signed or issued for another host, so anyone on the network path can impersonate the server and read your Mufi key. Remove it to get .NET's default validation; to trust a private CA, check the chain against that CA and return `errors == SslPolicyErrors.None` otherwise.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the callback (use the default certificate validation)")) @setting

; new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true },
; new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = delegate { return true; } }
(initializer_expression
  (assignment_expression
    left: (identifier) @key
    right: [(lambda_expression) (anonymous_method_expression) (object_creation_expression)] @callback) @setting
  (#any-of? @key "ServerCertificateCustomValidationCallback" "ServerCertificateValidationCallback" "RemoteCertificateValidationCallback")
  (#match? @callback "=>\\s*true\\s*\\)?\\s*$|\\breturn\\s+true\\s*;")
  (#not-match? @callback "return\\s+([^t\\s;]|t[^r]|tr[^u]|tru[^e]|true\\w)|throw\\s|Dangerous")
  (#set! message "This certificate validation callback returns true for every certificate: expired, self-signed or issued for another host, so anyone on the network path can impersonate the server and read your Mufi key. Remove it to get .NET's default validation; to trust a private CA, check the chain against that CA and return `errors == SslPolicyErrors.None` otherwise.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the callback (use the default certificate validation)"))

; handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
(expression_statement
  (assignment_expression
    right: [
      (identifier) @validator
      (member_access_expression name: (identifier) @validator)
    ])
  (#eq? @validator "DangerousAcceptAnyServerCertificateValidator")
  (#set! message "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator accepts every server certificate, so anyone on the network path can impersonate the server and read your Mufi key. Remove it to get .NET's default validation; trust a private CA through the machine's certificate store or a callback that checks the chain.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the callback (use the default certificate validation)")) @setting

; new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }
(initializer_expression
  (assignment_expression
    right: [
      (identifier) @validator
      (member_access_expression name: (identifier) @validator)
    ]) @setting
  (#eq? @validator "DangerousAcceptAnyServerCertificateValidator")
  (#set! message "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator accepts every server certificate, so anyone on the network path can impersonate the server and read your Mufi key. Remove it to get .NET's default validation; trust a private CA through the machine's certificate store or a callback that checks the chain.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the callback (use the default certificate validation)"))

; new SslStream(inner, false, (sender, cert, chain, errors) => true),
; new SslStream(inner, false, new RemoteCertificateValidationCallback(delegate { return true; }))
(object_creation_expression
  type: (identifier) @stream
  arguments: (argument_list
    (argument [(lambda_expression) (anonymous_method_expression) (object_creation_expression)] @setting))
  (#eq? @stream "SslStream")
  (#match? @setting "=>\\s*true\\s*\\)?\\s*$|\\breturn\\s+true\\s*;")
  (#not-match? @setting "return\\s+([^t\\s;]|t[^r]|tr[^u]|tru[^e]|true\\w)|throw\\s|Dangerous")
  (#set! message "This SslStream validation callback returns true for every certificate, so anyone on the network path can impersonate the server and read your Mufi key. Drop the callback argument to get .NET's default validation, or return `errors == SslPolicyErrors.None`."))

; static bool AcceptAll(object sender, X509Certificate cert, X509Chain chain, SslPolicyErrors errors) => true;
; the same with a body whose every return is `return true` (and nothing throws).
(method_declaration
  parameters: (parameter_list
    (parameter type: [(identifier) (qualified_name)] @errors_type))
  body: [
    (arrow_expression_clause (boolean_literal) @result) @setting
    (block (return_statement (boolean_literal) @result) @setting) @body
  ]
  (#match? @errors_type "(^|\\.)SslPolicyErrors$")
  (#eq? @result "true")
  (#not-match? @body "return\\s+([^t\\s;]|t[^r]|tr[^u]|tru[^e]|true\\w)|throw\\s|Dangerous")
  (#set! message "This certificate validation method returns true for every certificate (it never rejects one for its SslPolicyErrors), so anyone on the network path can impersonate the server and read your Mufi key. Return `errors == SslPolicyErrors.None`, or check the chain against your private CA."))
(local_function_statement
  parameters: (parameter_list
    (parameter type: [(identifier) (qualified_name)] @errors_type))
  body: [
    (arrow_expression_clause (boolean_literal) @result) @setting
    (block (return_statement (boolean_literal) @result) @setting) @body
  ]
  (#match? @errors_type "(^|\\.)SslPolicyErrors$")
  (#eq? @result "true")
  (#not-match? @body "return\\s+([^t\\s;]|t[^r]|tr[^u]|tru[^e]|true\\w)|throw\\s|Dangerous")
  (#set! message "This certificate validation method returns true for every certificate (it never rejects one for its SslPolicyErrors), so anyone on the network path can impersonate the server and read your Mufi key. Return `errors == SslPolicyErrors.None`, or check the chain against your private CA."))
