; MUFI004 tls-verification-disabled, Kotlin (JVM servers, Ktor, OkHttp, Android).
; In this grammar `true` and `Unit` parse as identifiers.

; An X509TrustManager whose checkServerTrusted does nothing: {}, only comments, `= Unit`.
; The finding is on the function's name, the line that declares it.
(function_declaration
  name: (identifier) @setting
  (function_body) @body
  (#eq? @setting "checkServerTrusted")
  (#match? @body "^(\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/|return\\b|Unit\\b)*\\}|=\\s*Unit)$")
  (#set! message "This checkServerTrusted accepts every certificate without checking it, so the trust manager lets anyone on the network path impersonate the server (api.mufi.app included) and read your Mufi key. Remove the custom X509TrustManager and use the platform default; for a private CA, load it into a KeyStore and build the trust manager with TrustManagerFactory (on Android, a network security config)."))

; A HostnameVerifier (object expression or class) whose verify(String?, SSLSession?) returns true.
(function_declaration
  name: (identifier) @setting
  (function_value_parameters
    (parameter)
    (parameter [(user_type) (nullable_type)] @session))
  (function_body) @body
  (#eq? @setting "verify")
  (#match? @session "^SSLSession\\??$")
  (#match? @body "^(=\\s*true|\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*return\\s+true(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*\\})$")
  (#set! message "This HostnameVerifier returns true for every host, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it and keep the default hostname verification."))

; Apache TrustStrategy whose isTrusted(chain, authType) returns true.
(function_declaration
  name: (identifier) @setting
  (function_value_parameters . (parameter [(user_type) (nullable_type)] @chain))
  (function_body) @body
  (#eq? @setting "isTrusted")
  (#match? @chain "X509Certificate")
  (#match? @body "^(=\\s*true|\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*return\\s+true(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*\\})$")
  (#set! message "This TrustStrategy trusts every certificate chain, so anyone on the network path can impersonate the server and read your Mufi key. Remove it; for a private CA, pass a trust store with loadTrustMaterial(truststore, null)."))

; HostnameVerifier { _, _ -> true } (SAM constructor), wherever it is given
(call_expression
  (identifier) @type
  (annotated_lambda (lambda_literal
    (lambda_parameters)
    (identifier) @result .))
  (#eq? @type "HostnameVerifier")
  (#eq? @result "true")
  (#set! message "This HostnameVerifier returns true for every host, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it and keep the default hostname verification.")) @setting

; OkHttp: builder.hostnameVerifier { _, _ -> true }, hostnameVerifier({ hostname, session -> true })
(call_expression
  [
    (identifier) @method
    (navigation_expression (identifier) @method .)
    (call_expression [(identifier) @method (navigation_expression (identifier) @method .)] (value_arguments))
  ]
  [
    (annotated_lambda (lambda_literal (lambda_parameters) (identifier) @result .) @setting)
    (value_arguments (value_argument (lambda_literal (lambda_parameters) (identifier) @result .) @setting))
  ]
  (#match? @method "^(set|setDefault|setSSL)?[Hh]ostnameVerifier$")
  (#not-eq? @method "HostnameVerifier")
  (#eq? @result "true")
  (#set! message "This HostnameVerifier returns true for every host, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it and keep the default hostname verification."))

; SSLContextBuilder().loadTrustMaterial(null) { _, _ -> true }, loadTrustMaterial(null, TrustStrategy { _, _ -> true })
(call_expression
  [
    (identifier) @method
    (navigation_expression (identifier) @method .)
    (call_expression [(identifier) @method (navigation_expression (identifier) @method .)] (value_arguments))
  ]
  [
    (annotated_lambda (lambda_literal (lambda_parameters) (identifier) @result .) @setting)
    (value_arguments (value_argument (lambda_literal (lambda_parameters) (identifier) @result .) @setting))
    (value_arguments (value_argument (call_expression
      (identifier) @strategy
      (annotated_lambda (lambda_literal (lambda_parameters) (identifier) @result .))) @setting))
  ]
  (#eq? @method "loadTrustMaterial")
  (#eq? @result "true")
  (#set! message "This TrustStrategy trusts every certificate chain, so anyone on the network path can impersonate the server and read your Mufi key. Remove it; for a private CA, pass a trust store with loadTrustMaterial(truststore, null)."))

; NoopHostnameVerifier.INSTANCE, AllowAllHostnameVerifier.INSTANCE (Apache HttpClient)
((navigation_expression
  .
  (identifier) @class
  .
  (identifier) @field .) @setting
  (#any-of? @class "NoopHostnameVerifier" "AllowAllHostnameVerifier")
  (#eq? @field "INSTANCE")
  (#set! message "{setting} accepts every hostname, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it: the client's default verifier (DefaultHostnameVerifier) checks the hostname."))

; NoopHostnameVerifier(), AllowAllHostnameVerifier()
(call_expression
  (identifier) @class
  (value_arguments)
  (#any-of? @class "NoopHostnameVerifier" "AllowAllHostnameVerifier")
  (#set! message "{setting} accepts every hostname, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it: the client's default verifier (DefaultHostnameVerifier) checks the hostname.")) @setting

; SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER, SSLConnectionSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER
((navigation_expression
  (identifier) @field .) @setting
  (#eq? @field "ALLOW_ALL_HOSTNAME_VERIFIER")
  (#set! message "{setting} accepts every hostname, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Use the default hostname verifier (STRICT or DefaultHostnameVerifier)."))

; TrustAllStrategy.INSTANCE, TrustAllStrategy(), TrustSelfSignedStrategy() (Apache)
((navigation_expression
  .
  (identifier) @class
  .
  (identifier) @field .) @setting
  (#eq? @class "TrustAllStrategy")
  (#eq? @field "INSTANCE")
  (#set! message "{setting} trusts every certificate chain, so anyone on the network path can impersonate the server and read your Mufi key. Remove it; for a private CA, pass a trust store with loadTrustMaterial(truststore, null)."))
(call_expression
  (identifier) @class
  (value_arguments)
  (#any-of? @class "TrustAllStrategy" "TrustSelfSignedStrategy")
  (#set! message "{setting} trusts any certificate (a self-signed one is made by anybody), so anyone on the network path can impersonate the server and read your Mufi key. Remove it; for a private CA, pass a trust store with loadTrustMaterial(truststore, null).")) @setting

; Netty: SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
((navigation_expression
  .
  (identifier) @class
  .
  (identifier) @field .) @setting
  (#eq? @class "InsecureTrustManagerFactory")
  (#eq? @field "INSTANCE")
  (#set! message "InsecureTrustManagerFactory trusts every certificate without checking it, so anyone on the network path can impersonate the server and read your Mufi key. Remove the trustManager(…) call to use the JDK's default trust store, or pass a TrustManagerFactory built from your CA."))

; Android WebViewClient.onReceivedSslError: handler.proceed(), handler?.proceed(),
; handler!!.proceed() loads the page despite the certificate error. Inside the callback
; (any receiver name), directly or under an if/else:
(function_declaration
  name: (identifier) @callback
  (function_body (block [
    (call_expression (navigation_expression (_) (identifier) @value .) (value_arguments) @args) @setting
    (if_expression [
      (call_expression (navigation_expression (_) (identifier) @value .) (value_arguments) @args) @setting
      (block (call_expression (navigation_expression (_) (identifier) @value .) (value_arguments) @args) @setting)
    ])
  ]))
  (#eq? @callback "onReceivedSslError")
  (#eq? @value "proceed")
  (#match? @args "^\\(\\s*\\)$")
  (#set! message "{setting} in onReceivedSslError loads the page despite its certificate error, so anyone on the network path can impersonate the site this WebView talks to and read what it sends. Call handler.cancel() (the default); fix the server's certificate, or trust a private CA with a network security config.")
  (#set! fix.replace "cancel")
  (#set! fix.title "Call cancel() instead: refuse the page whose certificate failed")
  (#set! fix.safe ""))

; … and anywhere else an SslErrorHandler is told to go on (a dialog's "Continue" button).
(call_expression
  (navigation_expression
    [
      (identifier) @handler
      (unary_expression (identifier) @handler)
    ]
    (identifier) @value .)
  (value_arguments) @args
  (#eq? @value "proceed")
  (#match? @handler "^([Ss]sl)?([Ee]rror)?[Hh]andler$")
  (#match? @args "^\\(\\s*\\)$")
  (#set! message "{setting} in onReceivedSslError loads the page despite its certificate error, so anyone on the network path can impersonate the site this WebView talks to and read what it sends. Call handler.cancel() (the default); fix the server's certificate, or trust a private CA with a network security config.")
  (#set! fix.replace "cancel")
  (#set! fix.title "Call cancel() instead: refuse the page whose certificate failed")
  (#set! fix.safe "")) @setting

; System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true")
(call_expression
  (navigation_expression . (identifier) @object . (identifier) @method .)
  (value_arguments
    .
    (value_argument . (string_literal) @key .)
    .
    (value_argument . (string_literal) @value .)
    .)
  (#eq? @object "System")
  (#eq? @method "setProperty")
  (#eq? @key "\"jdk.internal.httpclient.disableHostnameVerification\"")
  (#match? @value "^\"(?i:true)\"$")
  (#set! message "jdk.internal.httpclient.disableHostnameVerification turns off hostname checks for every java.net.http.HttpClient in the JVM, so a valid certificate for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it.")
  (#set! fix.replace "\"false\"")
  (#set! fix.title "Set disableHostnameVerification to false")
  (#set! fix.safe "")) @setting
