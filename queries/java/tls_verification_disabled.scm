; MUFI004 tls-verification-disabled, Java (plain JVM, Spring, OkHttp, Apache HttpClient,
; Netty, Android).

; An X509TrustManager whose checkServerTrusted does nothing: { }, only comments, or `return;`.
; The finding is on the method's name, the line that declares it.
(method_declaration
  name: (identifier) @setting
  body: (block) @body
  (#eq? @setting "checkServerTrusted")
  (#match? @body "^\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/|return\\s*;)*\\}$")
  (#set! message "This checkServerTrusted accepts every certificate without checking it, so the trust manager lets anyone on the network path impersonate the server (api.mufi.app included) and read your Mufi key. Remove the custom X509TrustManager and use the platform default; for a private CA, load it into a KeyStore and build the trust manager with TrustManagerFactory."))

; A HostnameVerifier (anonymous or named class) whose verify(String, SSLSession) returns true.
(method_declaration
  name: (identifier) @setting
  parameters: (formal_parameters
    (formal_parameter)
    (formal_parameter type: [(type_identifier) (scoped_type_identifier)] @session))
  body: (block) @body
  (#eq? @setting "verify")
  (#match? @body "^\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*return\\s+true\\s*;(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*\\}$")
  (#match? @session "(^|\\.)SSLSession$")
  (#set! message "This HostnameVerifier returns true for every host, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it and keep the default hostname verification."))

; Apache TrustStrategy whose isTrusted(chain, authType) returns true.
(method_declaration
  name: (identifier) @setting
  parameters: (formal_parameters . (formal_parameter type: (array_type element: [(type_identifier) (scoped_type_identifier)] @chain)))
  body: (block) @body
  (#eq? @setting "isTrusted")
  (#match? @chain "(^|\\.)X509Certificate$")
  (#match? @body "^\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*return\\s+true\\s*;(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*\\}$")
  (#set! message "This TrustStrategy trusts every certificate chain, so anyone on the network path can impersonate the server and read your Mufi key. Remove it; for a private CA, pass a trust store with loadTrustMaterial(truststore, null)."))

; (hostname, session) -> true given where a HostnameVerifier goes:
; conn.setHostnameVerifier(…), HttpsURLConnection.setDefaultHostnameVerifier(…),
; OkHttp builder.hostnameVerifier(…), Apache setSSLHostnameVerifier(…)
(method_invocation
  name: (identifier) @method
  arguments: (argument_list
    (lambda_expression body: (_) @result) @setting)
  (#match? @method "^(set|setDefault|setSSL)?[Hh]ostnameVerifier$")
  (#match? @result "^(true|\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*return\\s+true\\s*;(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*\\})$")
  (#set! message "This HostnameVerifier returns true for every host, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it and keep the default hostname verification."))

; HostnameVerifier allowAll = (hostname, session) -> true;
([
  (local_variable_declaration
    type: (type_identifier) @type
    declarator: (variable_declarator value: (lambda_expression body: (_) @result) @setting))
  (field_declaration
    type: (type_identifier) @type
    declarator: (variable_declarator value: (lambda_expression body: (_) @result) @setting))
 ]
  (#eq? @type "HostnameVerifier")
  (#match? @result "^(true|\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*return\\s+true\\s*;(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*\\})$")
  (#set! message "This HostnameVerifier returns true for every host, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it and keep the default hostname verification."))

; new SSLConnectionSocketFactory(sslContext, (hostname, session) -> true)
(object_creation_expression
  type: (type_identifier) @type
  arguments: (argument_list
    (lambda_expression
      parameters: (_) @params
      body: (_) @result) @setting)
  (#match? @type "SSLConnectionSocketFactory|SSLSocketFactory")
  (#match? @result "^(true|\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*return\\s+true\\s*;(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*\\})$")
  (#set! message "This HostnameVerifier returns true for every host, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it and keep the default hostname verification."))

; SSLContextBuilder.loadTrustMaterial(null, (chain, authType) -> true)
(method_invocation
  name: (identifier) @method
  arguments: (argument_list
    (lambda_expression body: (_) @result) @setting)
  (#eq? @method "loadTrustMaterial")
  (#match? @result "^(true|\\{(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*return\\s+true\\s*;(\\s|//[^\\n]*|/\\*([^*]|\\*+[^*/])*\\*+/)*\\})$")
  (#set! message "This TrustStrategy trusts every certificate chain, so anyone on the network path can impersonate the server and read your Mufi key. Remove it; for a private CA, pass a trust store with loadTrustMaterial(truststore, null)."))

; NoopHostnameVerifier.INSTANCE, AllowAllHostnameVerifier.INSTANCE (Apache HttpClient)
(field_access
  object: [(identifier) (field_access)] @class
  field: (identifier) @field
  (#match? @class "(^|\\.)(NoopHostnameVerifier|AllowAllHostnameVerifier)$")
  (#eq? @field "INSTANCE")
  (#set! message "{setting} accepts every hostname, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it: the client's default verifier (DefaultHostnameVerifier) checks the hostname.")) @setting

; new NoopHostnameVerifier(), new AllowAllHostnameVerifier()
(object_creation_expression
  type: [(type_identifier) (scoped_type_identifier)] @class
  (#match? @class "(^|\\.)(NoopHostnameVerifier|AllowAllHostnameVerifier)$")
  (#set! message "{setting} accepts every hostname, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it: the client's default verifier (DefaultHostnameVerifier) checks the hostname.")) @setting

; SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER, SSLConnectionSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER
(field_access
  field: (identifier) @field
  (#eq? @field "ALLOW_ALL_HOSTNAME_VERIFIER")
  (#set! message "{setting} accepts every hostname, so a valid certificate issued for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Use the default hostname verifier (STRICT or DefaultHostnameVerifier).")) @setting

; TrustAllStrategy.INSTANCE, new TrustAllStrategy(), new TrustSelfSignedStrategy() (Apache)
(field_access
  object: [(identifier) (field_access)] @class
  field: (identifier) @field
  (#match? @class "(^|\\.)TrustAllStrategy$")
  (#eq? @field "INSTANCE")
  (#set! message "{setting} trusts every certificate chain, so anyone on the network path can impersonate the server and read your Mufi key. Remove it; for a private CA, pass a trust store with loadTrustMaterial(truststore, null).")) @setting
(object_creation_expression
  type: [(type_identifier) (scoped_type_identifier)] @class
  (#match? @class "(^|\\.)(TrustAllStrategy|TrustSelfSignedStrategy)$")
  (#set! message "{setting} trusts any certificate (a self-signed one is made by anybody), so anyone on the network path can impersonate the server and read your Mufi key. Remove it; for a private CA, pass a trust store with loadTrustMaterial(truststore, null).")) @setting

; Netty: SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
(field_access
  object: [(identifier) (field_access)] @class
  field: (identifier) @field
  (#match? @class "(^|\\.)InsecureTrustManagerFactory$")
  (#eq? @field "INSTANCE")
  (#set! message "InsecureTrustManagerFactory trusts every certificate without checking it, so anyone on the network path can impersonate the server and read your Mufi key. Remove the trustManager(…) call to use the JDK's default trust store, or pass a TrustManagerFactory built from your CA.")) @setting

; Android WebViewClient.onReceivedSslError: handler.proceed() loads the page despite the
; certificate error. Inside the callback (any receiver), directly or under an if/else:
(method_declaration
  name: (identifier) @callback
  body: (block [
    (expression_statement (method_invocation object: (_) name: (identifier) @value) @setting)
    (if_statement consequence: [
      (expression_statement (method_invocation object: (_) name: (identifier) @value) @setting)
      (block (expression_statement (method_invocation object: (_) name: (identifier) @value) @setting))
    ])
    (if_statement alternative: [
      (expression_statement (method_invocation object: (_) name: (identifier) @value) @setting)
      (block (expression_statement (method_invocation object: (_) name: (identifier) @value) @setting))
    ])
  ])
  (#eq? @callback "onReceivedSslError")
  (#eq? @value "proceed")
  (#set! message "{setting} in onReceivedSslError loads the page despite its certificate error, so anyone on the network path can impersonate the site this WebView talks to and read what it sends. Call handler.cancel() (the default); fix the server's certificate, or trust a private CA with a network security config.")
  (#set! fix.replace "cancel")
  (#set! fix.title "Call cancel() instead: refuse the page whose certificate failed")
  (#set! fix.safe ""))

; … and anywhere else an SslErrorHandler is told to go on (a dialog's "Continue" button).
(method_invocation
  object: (identifier) @handler
  name: (identifier) @value
  arguments: (argument_list) @args
  (#eq? @value "proceed")
  (#match? @handler "^([Ss]sl)?([Ee]rror)?[Hh]andler$")
  (#match? @args "^\\(\\s*\\)$")
  (#set! message "{setting} in onReceivedSslError loads the page despite its certificate error, so anyone on the network path can impersonate the site this WebView talks to and read what it sends. Call handler.cancel() (the default); fix the server's certificate, or trust a private CA with a network security config.")
  (#set! fix.replace "cancel")
  (#set! fix.title "Call cancel() instead: refuse the page whose certificate failed")
  (#set! fix.safe "")) @setting

; System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true")
(method_invocation
  object: (identifier) @object
  name: (identifier) @method
  arguments: (argument_list . (string_literal) @key . (string_literal) @value .)
  (#eq? @object "System")
  (#eq? @method "setProperty")
  (#eq? @key "\"jdk.internal.httpclient.disableHostnameVerification\"")
  (#match? @value "^\"(?i:true)\"$")
  (#set! message "jdk.internal.httpclient.disableHostnameVerification turns off hostname checks for every java.net.http.HttpClient in the JVM, so a valid certificate for any site is accepted: anyone on the network path can impersonate the server and read your Mufi key. Remove it.")
  (#set! fix.replace "\"false\"")
  (#set! fix.title "Set disableHostnameVerification to false")
  (#set! fix.safe "")) @setting
