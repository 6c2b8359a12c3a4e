; MUFI004 tls-verification-disabled, Go.

; &tls.Config{InsecureSkipVerify: true}
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element (true) @value)
  (#eq? @key "InsecureSkipVerify")
  (#set! message "`InsecureSkipVerify: true` accepts any certificate for any host, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or set RootCAs to trust a private CA.")
  (#set! fix.replace "false")
  (#set! fix.title "Set InsecureSkipVerify to false")
  (#set! fix.safe "")) @setting

; transport.TLSClientConfig.InsecureSkipVerify = true, cfg.InsecureSkipVerify = true
(assignment_statement
  left: (expression_list . (selector_expression field: (field_identifier) @key) .)
  right: (expression_list . (true) @value .)
  (#eq? @key "InsecureSkipVerify")
  (#set! message "`{setting}` makes this TLS config accept any certificate for any host, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or set RootCAs to trust a private CA.")
  (#set! fix.replace "false")
  (#set! fix.title "Set InsecureSkipVerify to false")
  (#set! fix.safe "")) @setting

; Kubernetes client-go: clientcmdapi.Cluster{InsecureSkipTLSVerify: true}
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element (true) @value)
  (#eq? @key "InsecureSkipTLSVerify")
  (#set! message "`InsecureSkipTLSVerify: true` makes the Kubernetes client accept any certificate for the API server, so anyone on the network can impersonate it and read its credentials. Remove it and set CertificateAuthorityData (or CertificateAuthority) to the cluster's CA.")
  (#set! fix.replace "false")
  (#set! fix.title "Set InsecureSkipTLSVerify to false")
  (#set! fix.safe "")) @setting
(assignment_statement
  left: (expression_list . (selector_expression field: (field_identifier) @key) .)
  right: (expression_list . (true) @value .)
  (#eq? @key "InsecureSkipTLSVerify")
  (#set! message "`{setting}` makes the Kubernetes client accept any certificate for the API server, so anyone on the network can impersonate it and read its credentials. Remove it and set CertificateAuthorityData (or CertificateAuthority) to the cluster's CA.")
  (#set! fix.replace "false")
  (#set! fix.title "Set InsecureSkipTLSVerify to false")
  (#set! fix.safe "")) @setting

; Kubernetes client-go: rest.TLSClientConfig{Insecure: true}, cfg.TLSClientConfig.Insecure = true
(composite_literal
  type: (_) @type
  body: (literal_value
    (keyed_element
      key: (literal_element (identifier) @key)
      value: (literal_element (true) @value)) @setting)
  (#match? @type "(^|\\.)TLSClientConfig$")
  (#eq? @key "Insecure")
  (#set! message "`Insecure: true` in a client-go TLSClientConfig skips verification of the API server's certificate, so anyone on the network can impersonate it and read its credentials. Remove it and set CAData (or CAFile) to the cluster's CA.")
  (#set! fix.replace "false")
  (#set! fix.title "Set Insecure to false")
  (#set! fix.safe ""))
(assignment_statement
  left: (expression_list .
    (selector_expression
      operand: (selector_expression field: (field_identifier) @section)
      field: (field_identifier) @key) .)
  right: (expression_list . (true) @value .)
  (#eq? @section "TLSClientConfig")
  (#eq? @key "Insecure")
  (#set! message "`{setting}` skips verification of the API server's certificate, so anyone on the network can impersonate it and read its credentials. Remove it and set TLSClientConfig.CAData (or CAFile) to the cluster's CA.")
  (#set! fix.replace "false")
  (#set! fix.title "Set Insecure to false")
  (#set! fix.safe "")) @setting

; os.Setenv("NODE_TLS_REJECT_UNAUTHORIZED", "0") before starting a Node child process,
; os.Setenv("PYTHONHTTPSVERIFY", "0")
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @function)
  arguments: (argument_list
    . (interpreted_string_literal) @key
    . (interpreted_string_literal) @value .)
  (#eq? @package "os")
  (#eq? @function "Setenv")
  (#match? @key "^\"(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)\"$")
  (#match? @value "^\"(0|false)\"$")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the Node or Python processes this program starts. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "\"1\"")
  (#set! fix.title "Set it to 1 (verify certificates)")
  (#set! fix.safe "")) @setting

; cmd.Env = append(os.Environ(), "NODE_TLS_REJECT_UNAUTHORIZED=0")
((interpreted_string_literal) @setting
  (#match? @setting "^\"NODE_TLS_REJECT_UNAUTHORIZED=(0|false)\"$")
  (#set! message "{setting} turns off certificate verification for every HTTPS request of the Node process started with it. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "\"NODE_TLS_REJECT_UNAUTHORIZED=1\"")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))
((interpreted_string_literal) @setting
  (#match? @setting "^\"PYTHONHTTPSVERIFY=(0|false)\"$")
  (#set! message "{setting} turns off certificate verification for every HTTPS request of the Python process started with it. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "\"PYTHONHTTPSVERIFY=1\"")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))
