; MUFI004 tls-verification-disabled, Rust.
; @setting is the method or item name: a builder call starts where its chain does,
; so the whole call would put the finding lines above the setting.

; reqwest::Client::builder().danger_accept_invalid_certs(true),
; native_tls::TlsConnector::builder().danger_accept_invalid_certs(true)
(call_expression
  function: (field_expression field: (field_identifier) @setting)
  arguments: (arguments . (boolean_literal) @value .)
  (#eq? @setting "danger_accept_invalid_certs")
  (#eq? @value "true")
  (#set! message "`danger_accept_invalid_certs(true)` makes this client accept any certificate, expired, self-signed or issued for another host, so anyone on the network can impersonate the server and read your Mufi key. Remove it; to trust a private CA, add it with `add_root_certificate`.")
  (#set! fix.replace "false")
  (#set! fix.title "Set danger_accept_invalid_certs to false")
  (#set! fix.safe ""))

; .danger_accept_invalid_hostnames(true)
(call_expression
  function: (field_expression field: (field_identifier) @setting)
  arguments: (arguments . (boolean_literal) @value .)
  (#eq? @setting "danger_accept_invalid_hostnames")
  (#eq? @value "true")
  (#set! message "`danger_accept_invalid_hostnames(true)` accepts a valid certificate issued for any host, so whoever holds a certificate for some other site can impersonate the server and read your Mufi key. Remove it.")
  (#set! fix.replace "false")
  (#set! fix.title "Set danger_accept_invalid_hostnames to false")
  (#set! fix.safe ""))

; lettre: TlsParameters::builder(domain).dangerous_accept_invalid_certs(true),
; .dangerous_accept_invalid_hostnames(true)
(call_expression
  function: (field_expression field: (field_identifier) @setting)
  arguments: (arguments . (boolean_literal) @value .)
  (#any-of? @setting "dangerous_accept_invalid_certs" "dangerous_accept_invalid_hostnames")
  (#eq? @value "true")
  (#set! message "`{setting}(true)` turns off certificate checks for this TLS connection, so anyone on the network can impersonate the server and read the credentials sent over it. Remove it; to trust a private CA, add it with `add_root_certificate`.")
  (#set! fix.replace "false")
  (#set! fix.title "Set it to false (verify certificates)")
  (#set! fix.safe ""))

; mongodb: TlsOptions::builder().allow_invalid_certificates(true),
; TlsOptions { allow_invalid_certificates: Some(true), .. }
(call_expression
  function: (field_expression field: (field_identifier) @setting)
  arguments: (arguments . (boolean_literal) @value .)
  (#any-of? @setting "allow_invalid_certificates" "allow_invalid_hostnames" "tls_allow_invalid_certificates" "tls_allow_invalid_hostnames")
  (#eq? @value "true")
  (#set! message "`{setting}(true)` turns off certificate checks for this TLS connection, so anyone on the network can impersonate the server and read the credentials sent over it. Remove it; to trust a private CA, set `ca_file_path`.")
  (#set! fix.replace "false")
  (#set! fix.title "Set it to false (verify certificates)")
  (#set! fix.safe ""))
(field_initializer
  field: (field_identifier) @key
  value: [
    (boolean_literal) @value
    (call_expression
      function: (identifier) @some
      arguments: (arguments . (boolean_literal) @value .))
  ]
  (#any-of? @key "allow_invalid_certificates" "allow_invalid_hostnames" "danger_accept_invalid_certs" "danger_accept_invalid_hostnames" "accept_invalid_certs" "accept_invalid_hostnames")
  (#eq? @value "true")
  (#set! message "`{setting}` turns off certificate checks for this TLS connection, so anyone on the network can impersonate the server and read the credentials sent over it. Remove it; to trust a private CA, configure its certificate instead.")
  (#set! fix.replace "false")
  (#set! fix.title "Set it to false (verify certificates)")
  (#set! fix.safe "")) @setting

; ureq 3: TlsConfig::builder().disable_verification(true)
(call_expression
  function: (field_expression field: (field_identifier) @setting)
  arguments: (arguments . (boolean_literal) @value .)
  (#eq? @setting "disable_verification")
  (#eq? @value "true")
  (#set! message "`disable_verification(true)` makes this agent accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it; to trust a private CA, set `root_certs`.")
  (#set! fix.replace "false")
  (#set! fix.title "Set disable_verification to false")
  (#set! fix.safe ""))

; openssl: ConnectConfiguration::set_verify_hostname(false)
(call_expression
  function: (field_expression field: (field_identifier) @setting)
  arguments: (arguments . (boolean_literal) @value .)
  (#eq? @setting "set_verify_hostname")
  (#eq? @value "false")
  (#set! message "`set_verify_hostname(false)` accepts a valid certificate issued for any host, so whoever holds a certificate for some other site can impersonate the server. Remove it.")
  (#set! fix.replace "true")
  (#set! fix.title "Set set_verify_hostname to true")
  (#set! fix.safe ""))

; openssl: connector.set_verify(SslVerifyMode::NONE) on a client (an acceptor not
; asking for client certificates is the normal server setup, not flagged)
(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @method)
  arguments: (arguments .
    (scoped_identifier
      path: [(identifier) (scoped_identifier)] @mode
      name: (identifier) @value) @setting)
  (#any-of? @method "set_verify" "set_verify_callback")
  (#match? @mode "(^|::)SslVerifyMode$")
  (#eq? @value "NONE")
  (#not-match? @receiver "(?i)acceptor")
  (#set! message "`{setting}` makes this OpenSSL client accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Use SslVerifyMode::PEER (the default for SslConnector).")
  (#set! fix.replace "PEER")
  (#set! fix.title "Use SslVerifyMode::PEER")
  (#set! fix.safe ""))

; openssl: set_verify_callback(SslVerifyMode::PEER, |_, _| true) accepts whatever the
; chain check said
(call_expression
  function: (field_expression field: (field_identifier) @method)
  arguments: (arguments
    (closure_expression body: (boolean_literal) @value) @setting)
  (#eq? @method "set_verify_callback")
  (#eq? @value "true")
  (#set! message "This verify callback returns true whatever OpenSSL found, so every certificate is accepted and anyone on the network can impersonate the server. Return the `preverify_ok` argument (or remove the callback)."))

; isahc: .ssl_options(SslOption::DANGER_ACCEPT_INVALID_CERTS | SslOption::DANGER_ACCEPT_INVALID_HOSTS)
(scoped_identifier
  path: [(identifier) (scoped_identifier)] @option
  name: (identifier) @value
  (#match? @option "(^|::)SslOption$")
  (#any-of? @value "DANGER_ACCEPT_INVALID_CERTS" "DANGER_ACCEPT_INVALID_HOSTS" "DANGER_ACCEPT_REVOKED_CERTS")
  (#set! message "`{setting}` turns off a certificate check for this client, so anyone on the network can impersonate the server and read your Mufi key. Remove it; to trust a private CA, use `CaCertificate`.")) @setting

; rustls: ClientConfig::builder().dangerous().with_custom_certificate_verifier(…) (0.22+),
; .with_safe_defaults().with_custom_certificate_verifier(…) (0.20/0.21 `dangerous_configuration`),
; config.dangerous().set_certificate_verifier(…)
(call_expression
  function: (field_expression field: (field_identifier) @setting)
  (#any-of? @setting "with_custom_certificate_verifier" "set_certificate_verifier")
  (#set! message "`{setting}` replaces rustls's certificate verification (a `dangerous()` API) with your own verifier, and such verifiers usually accept every certificate, letting anyone on the network impersonate the server. Use the default WebPKI verifier; for a private CA, add it to the RootCertStore instead."))

; rustls: impl ServerCertVerifier { fn verify_server_cert(…) { Ok(ServerCertVerified::assertion()) } }
(function_item
  name: (identifier) @setting
  body: (block .
    (call_expression
      function: (identifier) @ok
      arguments: (arguments .
        (call_expression
          function: (scoped_identifier name: (identifier) @assertion)) .)) .)
  (#eq? @setting "verify_server_cert")
  (#eq? @ok "Ok")
  (#eq? @assertion "assertion")
  (#set! message "This verify_server_cert accepts every certificate without checking it, so anyone on the network can impersonate the server and read your Mufi key. Delete this verifier and use rustls's default WebPKI verification (add a private CA to the RootCertStore)."))
