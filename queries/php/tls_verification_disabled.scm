; MUFI004 tls-verification-disabled, PHP.

; curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false), curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, 0)
(function_call_expression
  function: [(name) (qualified_name)] @function
  arguments: (arguments
    (argument [(name) (qualified_name)] @key)
    .
    (argument [(boolean) (integer)] @value))
  (#match? @function "^\\\\?curl_setopt$")
  (#match? @key "^\\\\?CURLOPT_SSL_VERIFYPEER$")
  (#match? @value "^([Ff][Aa][Ll][Ss][Ee]|0)$")
  (#set! message "`CURLOPT_SSL_VERIFYPEER` set to {value} makes curl accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Set it to true, and point CURLOPT_CAINFO at your CA bundle if a private CA is the reason.")
  (#set! fix.replace "true")
  (#set! fix.title "Set CURLOPT_SSL_VERIFYPEER to true")
  (#set! fix.safe "")) @setting

; curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0), curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, false)
(function_call_expression
  function: [(name) (qualified_name)] @function
  arguments: (arguments
    (argument [(name) (qualified_name)] @key)
    .
    (argument [(boolean) (integer)] @value))
  (#match? @function "^\\\\?curl_setopt$")
  (#match? @key "^\\\\?CURLOPT_SSL_VERIFYHOST$")
  (#match? @value "^([Ff][Aa][Ll][Ss][Ee]|0)$")
  (#set! message "`CURLOPT_SSL_VERIFYHOST` set to {value} makes curl accept a certificate issued for any host, so anyone on the network can impersonate the server and read your Mufi key. Use 2 (the default).")
  (#set! fix.replace "2")
  (#set! fix.title "Set CURLOPT_SSL_VERIFYHOST to 2")
  (#set! fix.safe "")) @setting

; curl_setopt_array($ch, [CURLOPT_SSL_VERIFYPEER => false]), $options[CURLOPT_SSL_VERIFYPEER] = 0
(array_element_initializer
  [(name) (qualified_name)] @key
  .
  "=>"
  .
  [(boolean) (integer)] @value
  (#match? @key "^\\\\?CURLOPT_SSL_VERIFYPEER$")
  (#match? @value "^([Ff][Aa][Ll][Ss][Ee]|0)$")
  (#set! message "`{setting}` makes curl accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Set it to true, and point CURLOPT_CAINFO at your CA bundle if a private CA is the reason.")
  (#set! fix.replace "true")
  (#set! fix.title "Set CURLOPT_SSL_VERIFYPEER to true")
  (#set! fix.safe "")) @setting
(assignment_expression
  left: (subscript_expression [(name) (qualified_name)] @key)
  right: [(boolean) (integer)] @value
  (#match? @key "^\\\\?CURLOPT_SSL_VERIFYPEER$")
  (#match? @value "^([Ff][Aa][Ll][Ss][Ee]|0)$")
  (#set! message "`{setting}` makes curl accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Set it to true, and point CURLOPT_CAINFO at your CA bundle if a private CA is the reason.")
  (#set! fix.replace "true")
  (#set! fix.title "Set CURLOPT_SSL_VERIFYPEER to true")
  (#set! fix.safe "")) @setting

; [CURLOPT_SSL_VERIFYHOST => 0], $options[CURLOPT_SSL_VERIFYHOST] = false
(array_element_initializer
  [(name) (qualified_name)] @key
  .
  "=>"
  .
  [(boolean) (integer)] @value
  (#match? @key "^\\\\?CURLOPT_SSL_VERIFYHOST$")
  (#match? @value "^([Ff][Aa][Ll][Ss][Ee]|0)$")
  (#set! message "`{setting}` makes curl accept a certificate issued for any host, so anyone on the network can impersonate the server and read your Mufi key. Use 2 (the default).")
  (#set! fix.replace "2")
  (#set! fix.title "Set CURLOPT_SSL_VERIFYHOST to 2")
  (#set! fix.safe "")) @setting
(assignment_expression
  left: (subscript_expression [(name) (qualified_name)] @key)
  right: [(boolean) (integer)] @value
  (#match? @key "^\\\\?CURLOPT_SSL_VERIFYHOST$")
  (#match? @value "^([Ff][Aa][Ll][Ss][Ee]|0)$")
  (#set! message "`{setting}` makes curl accept a certificate issued for any host, so anyone on the network can impersonate the server and read your Mufi key. Use 2 (the default).")
  (#set! fix.replace "2")
  (#set! fix.title "Set CURLOPT_SSL_VERIFYHOST to 2")
  (#set! fix.safe "")) @setting

; Guzzle: new Client(['verify' => false]), $client->request('GET', $url, ['verify' => false]),
; [RequestOptions::VERIFY => false]; Laravel Http::withOptions(['verify' => false])
(array_element_initializer
  [
    (string) @key
    (encapsed_string) @key
    (class_constant_access_expression (_) (name) @key .)
  ]
  .
  "=>"
  .
  (boolean) @value
  (#match? @key "^([\"']verify[\"']|VERIFY)$")
  (#match? @value "^[Ff][Aa][Ll][Ss][Ee]$")
  (#set! message "Guzzle's `verify` set to false accepts any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it (Guzzle verifies by default), or set `verify` to the path of your CA bundle.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe "")) @setting

; stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]),
; Symfony HttpClient ['verify_peer' => false, 'verify_host' => false]
(array_element_initializer
  [(string) (encapsed_string)] @key
  .
  "=>"
  .
  [(boolean) (integer)] @value
  (#match? @key "^[\"'](verify_peer|verify_peer_name|verify_host)[\"']$")
  (#match? @value "^([Ff][Aa][Ll][Ss][Ee]|0)$")
  (#set! message "`{setting}` turns TLS verification off for this connection: any certificate (or any host name) is accepted, so anyone on the network can impersonate the server and read your Mufi key. Set it to true, and name your CA bundle with `cafile` if a private CA is the reason.")
  (#set! fix.replace "true")
  (#set! fix.title "Set it to true")
  (#set! fix.safe "")) @setting

; stream_context_set_option($context, 'ssl', 'verify_peer', false)
(function_call_expression
  function: (name) @function
  arguments: (arguments
    (argument [(string) (encapsed_string)] @key)
    .
    (argument [(boolean) (integer)] @value) .)
  (#eq? @function "stream_context_set_option")
  (#match? @key "^[\"'](verify_peer|verify_peer_name)[\"']$")
  (#match? @value "^([Ff][Aa][Ll][Ss][Ee]|0)$")
  (#set! message "`{setting}` turns TLS verification off for this stream: it accepts any certificate (or any host name), so anyone on the network can impersonate the server and read your Mufi key. Set it to true, and name your CA bundle with `cafile` if a private CA is the reason.")
  (#set! fix.replace "true")
  (#set! fix.title "Set it to true")
  (#set! fix.safe "")) @setting

; Laravel: Http::withoutVerifying()
(scoped_call_expression
  scope: [(name) (qualified_name)] @scope
  name: (name) @method
  (#match? @scope "^\\\\?(Http|Illuminate\\\\Support\\\\Facades\\\\Http)$")
  (#eq? @method "withoutVerifying")
  (#set! message "`Http::withoutVerifying()` makes the request accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it; trust a private CA with `Http::withOptions(['verify' => '/path/to/ca.pem'])`.")) @setting
(member_call_expression
  name: (name) @method @setting
  (#eq? @method "withoutVerifying")
  (#set! message "`withoutVerifying()` makes the request accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it; trust a private CA with `withOptions(['verify' => '/path/to/ca.pem'])`."))
