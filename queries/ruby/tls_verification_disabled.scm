; MUFI004 tls-verification-disabled, Ruby.

; http.verify_mode = OpenSSL::SSL::VERIFY_NONE, ctx.verify_mode = VERIFY_NONE,
; OpenSSL::SSL::SSLContext::DEFAULT_PARAMS[:verify_mode] = OpenSSL::SSL::VERIFY_NONE
(assignment
  left: (_) @target
  right: [
    (scope_resolution name: (constant) @value)
    (constant) @value
  ]
  (#eq? @value "VERIFY_NONE")
  (#not-match? @target "VERIFY_PEER$")
  (#set! message "`{setting}` turns certificate verification off: any certificate is accepted, so anyone on the network can impersonate the server and read your Mufi key. Use OpenSSL::SSL::VERIFY_PEER, and trust a private CA with `ca_file`/`cert_store` if that is the reason.")
  (#set! fix.replace "VERIFY_PEER")
  (#set! fix.title "Use VERIFY_PEER (verify the certificate)")
  (#set! fix.safe "")) @setting

; verify_mode: OpenSSL::SSL::VERIFY_NONE (Net::HTTP.start, Faraday ssl:, HTTP.rb, Excon),
; verify_ssl: OpenSSL::SSL::VERIFY_NONE (RestClient), :verify_mode => OpenSSL::SSL::VERIFY_NONE
(pair
  value: [
    (scope_resolution name: (constant) @value)
    (constant) @value
  ]
  (#eq? @value "VERIFY_NONE")
  (#set! message "`{setting}` turns certificate verification off: any certificate is accepted, so anyone on the network can impersonate the server and read your Mufi key. Use OpenSSL::SSL::VERIFY_PEER, and trust a private CA with `ca_file`/`cert_store` if that is the reason.")
  (#set! fix.replace "VERIFY_PEER")
  (#set! fix.title "Use VERIFY_PEER (verify the certificate)")
  (#set! fix.safe "")) @setting

; ctx.set_params(OpenSSL::SSL::VERIFY_NONE), http.send(:verify_mode=, OpenSSL::SSL::VERIFY_NONE):
; passed as an argument (assertions in tests only compare it)
(call
  method: (_) @method
  arguments: (argument_list
    [
      (scope_resolution name: (constant) @value)
      (constant) @value
    ] @setting)
  (#eq? @value "VERIFY_NONE")
  (#not-any-of? @method "const_set" "eq" "eql" "equal" "be" "assert_equal" "assert_same" "refute_equal" "include" "==" "!=")
  (#set! message "Passing OpenSSL::SSL::VERIFY_NONE turns certificate verification off: any certificate is accepted, so anyone on the network can impersonate the server and read your Mufi key. Use OpenSSL::SSL::VERIFY_PEER.")
  (#set! fix.replace "VERIFY_PEER")
  (#set! fix.title "Use VERIFY_PEER (verify the certificate)")
  (#set! fix.safe ""))

; OpenSSL::SSL.const_set(:VERIFY_PEER, OpenSSL::SSL::VERIFY_NONE): every connection of the process
(call
  method: (identifier) @method
  arguments: (argument_list
    . (simple_symbol) @constant
    . [
      (scope_resolution name: (constant) @value)
      (constant) @value
    ])
  (#eq? @method "const_set")
  (#eq? @constant ":VERIFY_PEER")
  (#eq? @value "VERIFY_NONE")
  (#set! message "Redefining VERIFY_PEER as VERIFY_NONE switches certificate verification off for every TLS connection in the process, Mufi's included. Remove this line; trust a private CA with SSL_CERT_FILE or a cert store instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the VERIFY_PEER override")) @setting

; OpenSSL::SSL::VERIFY_PEER = OpenSSL::SSL::VERIFY_NONE
(assignment
  left: (scope_resolution name: (constant) @constant)
  right: [
    (scope_resolution name: (constant) @value)
    (constant) @value
  ]
  (#eq? @constant "VERIFY_PEER")
  (#eq? @value "VERIFY_NONE")
  (#set! message "Redefining VERIFY_PEER as VERIFY_NONE switches certificate verification off for every TLS connection in the process, Mufi's included. Remove this line; trust a private CA with SSL_CERT_FILE or a cert store instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the VERIFY_PEER override")) @setting

; Faraday.new(url, ssl: { verify: false }), :ssl => { :verify => false }
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @section
  value: (hash (pair
    key: [(hash_key_symbol) (simple_symbol) (string)] @key
    value: (false) @value) @setting)
  (#match? @section "^:?[\"']?ssl[\"']?$")
  (#match? @key "^:?[\"']?verify[\"']?$")
  (#set! message "`ssl: { verify: false }` makes Faraday accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass your private CA with `ssl: { ca_file: … }`.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe ""))

; conn.ssl.verify = false, conn.ssl[:verify] = false, default_options[:verify] = false (HTTParty)
(assignment
  left: [
    (call
      receiver: (call method: (identifier) @section)
      method: (identifier) @key)
    (element_reference
      object: [(call method: (identifier) @section) (identifier) @section]
      [(simple_symbol) (string)] @key)
  ]
  right: (false) @value
  (#any-of? @section "ssl" "default_options")
  (#match? @key "^:?[\"']?verify[\"']?$")
  (#set! message "`{setting}` makes the client accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or trust your private CA with a CA file (`ssl.ca_file`, `ssl_ca_file`).")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe "")) @setting

; HTTParty.get(url, verify: false), self.class.post(path, verify: false), get("/x", verify: false)
(call
  receiver: (_)? @receiver
  method: (identifier) @method
  arguments: (argument_list (pair
    key: [(hash_key_symbol) (simple_symbol) (string)] @key
    value: (false) @value) @setting)
  (#match? @key "^:?[\"']?verify[\"']?$")
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "move" "copy" "mkcol" "lock" "unlock" "perform_request" "request")
  (#set! message "`verify: false` makes HTTParty accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass your private CA with `ssl_ca_file:`.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe ""))

; HTTParty::Request.new(Net::HTTP::Get, url, verify: false): any call on HTTParty itself
(call
  receiver: (_) @receiver
  arguments: (argument_list (pair
    key: [(hash_key_symbol) (simple_symbol) (string)] @key
    value: (false) @value) @setting)
  (#match? @receiver "^(::)?HTTParty(::|$)")
  (#match? @key "^:?[\"']?verify[\"']?$")
  (#set! message "`verify: false` makes HTTParty accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass your private CA with `ssl_ca_file:`.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe ""))

; HTTParty.get(url, { verify: false }) with an explicit options hash, default_options.update(verify: false)
(call
  receiver: (_)? @receiver
  method: (identifier) @method
  arguments: (argument_list (hash (pair
    key: [(hash_key_symbol) (simple_symbol) (string)] @key
    value: (false) @value) @setting))
  (#match? @key "^:?[\"']?verify[\"']?$")
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "perform_request" "request")
  (#set! message "`verify: false` makes HTTParty accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass your private CA with `ssl_ca_file:`.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe ""))
(call
  receiver: (identifier) @receiver
  method: (identifier) @method
  arguments: (argument_list (pair
    key: [(hash_key_symbol) (simple_symbol) (string)] @key
    value: (false) @value) @setting)
  (#eq? @receiver "default_options")
  (#any-of? @method "update" "merge!" "store")
  (#match? @key "^:?[\"']?verify[\"']?$")
  (#set! message "`verify: false` in HTTParty's default options makes every request accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass your private CA with `ssl_ca_file:`.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe ""))

; RestClient::Resource.new(url, verify_ssl: false), Excon.new(url, ssl_verify_peer: false),
; Typhoeus::Request.new(url, ssl_verifypeer: false)
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @key
  value: (false) @value
  (#match? @key "^:?[\"']?(verify_ssl|ssl_verify_peer|ssl_verifypeer)[\"']?$")
  (#set! message "`{setting}` accepts any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass your private CA (`ssl_ca_file`/`ssl_cainfo`).")
  (#set! fix.replace "true")
  (#set! fix.title "Set it to true")
  (#set! fix.safe "")) @setting

; Excon.defaults[:ssl_verify_peer] = false
(assignment
  left: (element_reference [(simple_symbol) (string)] @key)
  right: (false) @value
  (#match? @key "^:?[\"']?(ssl_verify_peer|verify_ssl)[\"']?$")
  (#set! message "`{setting}` makes every request accept any certificate, so anyone on the network can impersonate the server and read your Mufi key. Remove it, or pass your private CA with `ssl_ca_file`.")
  (#set! fix.replace "true")
  (#set! fix.title "Set it to true")
  (#set! fix.safe "")) @setting

; Typhoeus ssl_verifyhost: 0 (libcurl's hostname check off)
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @key
  value: [(integer) (false)] @value
  (#match? @key "^:?[\"']?ssl_verifyhost[\"']?$")
  (#match? @value "^(0|false)$")
  (#set! message "`{setting}` turns off libcurl's hostname check: a valid certificate for any site is accepted, so anyone on the network can impersonate the server and read your Mufi key. Use 2 (the default).")
  (#set! fix.replace "2")
  (#set! fix.title "Set ssl_verifyhost to 2")
  (#set! fix.safe "")) @setting

; Savon ssl_verify_mode: :none, ActionMailer openssl_verify_mode: :none / "none"
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @key
  value: (simple_symbol) @value
  (#match? @key "^:?[\"']?(ssl_verify_mode|openssl_verify_mode)[\"']?$")
  (#eq? @value ":none")
  (#set! message "`{setting}` turns certificate verification off, so anyone on the network can impersonate the server and read what is sent. Use :peer, and trust a private CA with a CA file if that is the reason.")
  (#set! fix.replace ":peer")
  (#set! fix.title "Use :peer")
  (#set! fix.safe "")) @setting
(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @key
  value: (string) @value
  (#match? @key "^:?[\"']?(ssl_verify_mode|openssl_verify_mode)[\"']?$")
  (#match? @value "^[\"']none[\"']$")
  (#set! message "`{setting}` turns certificate verification off, so anyone on the network can impersonate the server and read what is sent. Use \"peer\", and trust a private CA with a CA file if that is the reason.")
  (#set! fix.replace "\"peer\"")
  (#set! fix.title "Use \"peer\"")
  (#set! fix.safe "")) @setting

; Savon: `ssl_verify_mode :none` in its client block
(call
  method: (identifier) @key
  arguments: (argument_list . (simple_symbol) @value .)
  (#eq? @key "ssl_verify_mode")
  (#eq? @value ":none")
  (#set! message "`{setting}` turns certificate verification off, so anyone on the network can impersonate the server and read what is sent. Use :peer, and trust a private CA with `ssl_ca_cert_file` if that is the reason.")
  (#set! fix.replace ":peer")
  (#set! fix.title "Use :peer")
  (#set! fix.safe "")) @setting
