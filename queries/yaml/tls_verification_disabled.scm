; MUFI004 tls-verification-disabled, YAML: kubeconfig and tool settings that switch
; certificate verification off, and the environment variables that do it for a whole
; process (compose, Kubernetes, CI env maps and lists). Secure values never match.
; `run:`/`script:` steps are shell and read by the shell queries.

; ---------------------------------------------------------------------------------
; Options that disable verification when true:
;   insecure-skip-tls-verify: true (kubeconfig clusters), insecureSkipTLSVerify: true
;   (APIService), insecure_skip_verify: true (Prometheus/Loki tls_config, Telegraf),
;   insecureSkipVerify: true (Traefik), tlsSkipVerify: true (Grafana), skip_tls_verify …
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (plain_scalar) @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (plain_scalar) @value))
 ] @setting
  (#match? @key "^[\"']?([A-Za-z0-9_-]+\\.)*(?i:insecure[-_]?skip[-_]?(tls[-_]?)?verify|(tls|ssl)[-_]?(insecure[-_]?)?skip[-_]?verify|skip[-_]?(tls|ssl|cert|certificate)[-_]?(verify|verification|validation|check)|allow[-_]?self[-_]?signed|(danger[-_]?)?accept[-_]?(invalid|any|all|untrusted)[-_]?(cert|certs|certificate|certificates|hostnames))[\"']?$")
  (#match? @value "^(true|True|TRUE|yes|Yes|YES|on|On|ON)$")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to false and trust a private CA by its certificate (certificate-authority-data, ca_file) instead.")
  (#set! fix.replace "false")
  (#set! fix.title "Set it to false (verify certificates)")
  (#set! fix.safe ""))

; ---------------------------------------------------------------------------------
; Options that disable verification when false:
;   rejectUnauthorized: false (Node TLS options, TypeORM/pg `ssl:`), strictSSL / strict-ssl
;   / enableStrictSsl (npm, yarn), http.proxyStrictSSL (VS Code), ssl_verify (conda),
;   validate_certs: no (Ansible), verify_ssl, tls_verify, verify_certs (Elasticsearch
;   clients), verify_certificate / verify_hostname (Vector), NPM_CONFIG_STRICT_SSL …
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (plain_scalar) @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (plain_scalar) @value))
 ] @setting
  (#match? @key "^[\"']?([A-Za-z0-9_-]+\\.)*(rejectUnauthorized|(?i:(npm[-_]config[-_])?strict[-_]?ssl|enable[-_]?strict[-_]?ssl|proxy[-_]?strict[-_]?ssl|(ssl|tls)[-_]?verify|verify[-_]?(ssl|tls)|(ssl|tls)[-_]?verify[-_]?(peer|host|hostname|cert|certs|certificate|certificates)|verify[-_]?(peer|host|hostname|certs|certificate|certificates)|validate[-_]?(certs|certificate|certificates)|check[-_]?(certificate|certificates|hostname)))[\"']?$")
  (#match? @value "^(false|False|FALSE|no|No|NO|off|Off|OFF)$")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set it to true (verify certificates)")
  (#set! fix.safe ""))

; the same options written as quoted strings (env maps): NPM_CONFIG_STRICT_SSL: "false"
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (double_quote_scalar) @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (double_quote_scalar) @value))
 ] @setting
  (#match? @key "^[\"']?([A-Za-z0-9_-]+\\.)*(rejectUnauthorized|(?i:(npm[-_]config[-_])?strict[-_]?ssl|enable[-_]?strict[-_]?ssl|proxy[-_]?strict[-_]?ssl|(ssl|tls)[-_]?verify|verify[-_]?(ssl|tls)|validate[-_]?(certs|certificate|certificates)))[\"']?$")
  (#match? @value "^\"(false|False|FALSE|no|off)\"$")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "\"true\"")
  (#set! fix.title "Set it to true (verify certificates)")
  (#set! fix.safe ""))
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (single_quote_scalar) @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (single_quote_scalar) @value))
 ] @setting
  (#match? @key "^[\"']?([A-Za-z0-9_-]+\\.)*(rejectUnauthorized|(?i:(npm[-_]config[-_])?strict[-_]?ssl|enable[-_]?strict[-_]?ssl|proxy[-_]?strict[-_]?ssl|(ssl|tls)[-_]?verify|verify[-_]?(ssl|tls)|validate[-_]?(certs|certificate|certificates)))[\"']?$")
  (#match? @value "^'(false|False|FALSE|no|off)'$")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "'true'")
  (#set! fix.title "Set it to true (verify certificates)")
  (#set! fix.safe ""))

; ---------------------------------------------------------------------------------
; A TLS section whose switch is off:
;   tls:            ssl:                tlsClientConfig:   (Argo CD clusters)
;     verify: false   verify: false       insecure: true
(block_mapping_pair
  key: (flow_node (plain_scalar) @key)
  value: (flow_node (plain_scalar) @value)
  (#set! section.key "^(?i:tls|ssl|https|tls[-_]?options|ssl[-_]?options|ssl[-_]?opts|tls[-_]?config|ssl[-_]?config)$")
  (#eq? @key "verify")
  (#match? @value "^(false|False|FALSE|no|No|off|Off)$")
  (#set! message "`{setting}` in this TLS section turns off certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe "")) @setting @pair
(flow_pair
  key: (flow_node (plain_scalar) @key)
  value: (flow_node (plain_scalar) @value)
  (#set! section.key "^(?i:tls|ssl|https|tls[-_]?options|ssl[-_]?options|ssl[-_]?opts|tls[-_]?config|ssl[-_]?config)$")
  (#eq? @key "verify")
  (#match? @value "^(false|False|FALSE|no|No|off|Off)$")
  (#set! message "`{setting}` in this TLS section turns off certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe "")) @setting @pair
(block_mapping_pair
  key: (flow_node (plain_scalar) @key)
  value: (flow_node (plain_scalar) @value)
  (#set! section.key "^(?i:tlsClientConfig|tls_client_config)$")
  (#eq? @key "insecure")
  (#match? @value "^(true|True|TRUE|yes|on)$")
  (#set! message "`insecure: true` in tlsClientConfig skips certificate verification for this cluster: anyone on the network path can pose as the API server and read its credentials. Set it to false and give the cluster's CA in caData instead.")
  (#set! fix.replace "false")
  (#set! fix.title "Set insecure to false")
  (#set! fix.safe "")) @setting @pair

; Beats, Logstash, Elasticsearch: ssl.verification_mode: none
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (plain_scalar) @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (plain_scalar) @value))
 ] @setting
  (#match? @key "^[\"']?([A-Za-z0-9_-]+\\.)*verification_mode[\"']?$")
  (#eq? @value "none")
  (#set! message "`{setting}` accepts any certificate for any host: anyone on the network path can pose as the server and read what is sent to it. Use verification_mode: full, with certificate_authorities for a private CA.")
  (#set! fix.replace "full")
  (#set! fix.title "Use verification_mode: full")
  (#set! fix.safe ""))

; Rails/Ruby mailers and clients: openssl_verify_mode: none, ssl_verify_mode: none
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @value))
 ] @setting
  (#match? @key "^[\"']?:?(openssl|ssl)_verify_mode[\"']?$")
  (#match? @value "^[\"']?(none|VERIFY_NONE|OpenSSL::SSL::VERIFY_NONE)[\"']?$")
  (#set! message "`{setting}` (OpenSSL VERIFY_NONE) accepts any certificate: anyone on the network path can pose as the server and read what is sent to it. Use peer verification (`peer`, VERIFY_PEER) and a CA file for a private CA.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the setting (the default verifies the peer)"))

; ---------------------------------------------------------------------------------
; Process-wide environment variables, in env maps (compose `environment:`, CI `env:` and
; `variables:`, ConfigMap `data:`):  NODE_TLS_REJECT_UNAUTHORIZED: "0", PYTHONHTTPSVERIFY: 0
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (plain_scalar) @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (plain_scalar) @value))
 ] @setting
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#eq? @value "0")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "1")
  (#set! fix.title "Set it to 1 (verify certificates)")
  (#set! fix.safe ""))
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (double_quote_scalar) @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (double_quote_scalar) @value))
 ] @setting
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#eq? @value "\"0\"")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "\"1\"")
  (#set! fix.title "Set it to \"1\" (verify certificates)")
  (#set! fix.safe ""))
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (single_quote_scalar) @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node (single_quote_scalar) @value))
 ] @setting
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#eq? @value "'0'")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "'1'")
  (#set! fix.title "Set it to '1' (verify certificates)")
  (#set! fix.safe ""))

; GIT_SSL_NO_VERIFY: git skips certificate checks whatever the value
([
  (block_mapping_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node [(plain_scalar (string_scalar)) (plain_scalar (integer_scalar)) (plain_scalar (boolean_scalar)) (double_quote_scalar) (single_quote_scalar)] @value))
  (flow_pair
    key: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
    value: (flow_node [(plain_scalar (string_scalar)) (plain_scalar (integer_scalar)) (plain_scalar (boolean_scalar)) (double_quote_scalar) (single_quote_scalar)] @value))
 ] @setting
  (#match? @key "^[\"']?GIT_SSL_NO_VERIFY[\"']?$")
  (#set! message "`{setting}` makes git skip certificate checks whatever its value (even \"false\" or \"0\"): anyone on the network path can serve you a tampered repository. Remove it; trust a private CA with GIT_SSL_CAINFO or http.sslCAInfo instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY"))

; ---------------------------------------------------------------------------------
; The same variables in NAME=value lists (compose `environment:`, `args:`):
;   - NODE_TLS_REJECT_UNAUTHORIZED=0   - "PYTHONHTTPSVERIFY=0"
([
  (block_sequence_item (flow_node (plain_scalar) @setting))
  (flow_sequence (flow_node (plain_scalar) @setting))
 ]
  (#eq? @setting "NODE_TLS_REJECT_UNAUTHORIZED=0")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "NODE_TLS_REJECT_UNAUTHORIZED=1")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))
([
  (block_sequence_item (flow_node (double_quote_scalar) @setting))
  (flow_sequence (flow_node (double_quote_scalar) @setting))
 ]
  (#eq? @setting "\"NODE_TLS_REJECT_UNAUTHORIZED=0\"")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "\"NODE_TLS_REJECT_UNAUTHORIZED=1\"")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))
([
  (block_sequence_item (flow_node (single_quote_scalar) @setting))
  (flow_sequence (flow_node (single_quote_scalar) @setting))
 ]
  (#eq? @setting "'NODE_TLS_REJECT_UNAUTHORIZED=0'")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "'NODE_TLS_REJECT_UNAUTHORIZED=1'")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))
([
  (block_sequence_item (flow_node (plain_scalar) @setting))
  (flow_sequence (flow_node (plain_scalar) @setting))
 ]
  (#eq? @setting "PYTHONHTTPSVERIFY=0")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the Python process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "PYTHONHTTPSVERIFY=1")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))
([
  (block_sequence_item (flow_node (double_quote_scalar) @setting))
  (flow_sequence (flow_node (double_quote_scalar) @setting))
 ]
  (#eq? @setting "\"PYTHONHTTPSVERIFY=0\"")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the Python process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "\"PYTHONHTTPSVERIFY=1\"")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))
([
  (block_sequence_item (flow_node (single_quote_scalar) @setting))
  (flow_sequence (flow_node (single_quote_scalar) @setting))
 ]
  (#eq? @setting "'PYTHONHTTPSVERIFY=0'")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the Python process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "'PYTHONHTTPSVERIFY=1'")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))

; - GIT_SSL_NO_VERIFY=1, [GIT_SSL_NO_VERIFY=1] (any value)
(block_sequence_item
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @value)
  (#match? @value "^[\"']?GIT_SSL_NO_VERIFY=")
  (#set! message "`{value}` makes git skip certificate checks whatever its value: anyone on the network path can serve you a tampered repository. Remove it; trust a private CA with GIT_SSL_CAINFO instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY")) @setting
(flow_sequence
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @value) @setting
  (#match? @value "^[\"']?GIT_SSL_NO_VERIFY=")
  (#set! message "`{value}` makes git skip certificate checks whatever its value: anyone on the network path can serve you a tampered repository. Remove it; trust a private CA with GIT_SSL_CAINFO instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY"))

; ---------------------------------------------------------------------------------
; Kubernetes / ECS / CloudFormation env lists, name and value in one mapping:
;   - name: NODE_TLS_REJECT_UNAUTHORIZED
;     value: "0"
; Rooted at the `name` entry; the `value` entry beside it (before or after) is found by
; `declared::sibling` and is `@value`, and the mapping is `@setting`: a pattern of two
; sibling entries would be tried against every pair of entries of the mapping around
; each keystroke, the file's top-level one included.
(block_mapping_pair
  key: (flow_node (plain_scalar) @name_key)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
  (#match? @name_key "^(name|Name)$")
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#set! sibling.key "^(value|Value)$")
  (#set! sibling.value "^\"0\"$")
  (#set! message "This env entry (`{setting}`) sets the variable to {value}, which turns off certificate verification for every HTTPS request of the container: anyone on the network path can pose as api.mufi.app and read your key. Remove it; mount your private CA and point NODE_EXTRA_CA_CERTS or SSL_CERT_FILE at it instead.")
  (#set! fix.replace "\"1\"")
  (#set! fix.title "Set the value to \"1\" (verify certificates)")
  (#set! fix.safe "")) @pair
(block_mapping_pair
  key: (flow_node (plain_scalar) @name_key)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
  (#match? @name_key "^(name|Name)$")
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#set! sibling.key "^(value|Value)$")
  (#set! sibling.value "^'?0'?$")
  (#set! message "This env entry (`{setting}`) sets the variable to {value}, which turns off certificate verification for every HTTPS request of the container: anyone on the network path can pose as api.mufi.app and read your key. Remove it; mount your private CA and point NODE_EXTRA_CA_CERTS or SSL_CERT_FILE at it instead.")
  (#set! fix.replace "'1'")
  (#set! fix.title "Set the value to '1' (verify certificates)")
  (#set! fix.safe "")) @pair
; - { name: NODE_TLS_REJECT_UNAUTHORIZED, value: "0" }
(flow_pair
  key: (flow_node (plain_scalar) @name_key)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
  (#match? @name_key "^(name|Name)$")
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#set! sibling.key "^(value|Value)$")
  (#set! sibling.value "^\"0\"$")
  (#set! message "This env entry (`{setting}`) sets the variable to {value}, which turns off certificate verification for every HTTPS request of the container: anyone on the network path can pose as api.mufi.app and read your key. Remove it; mount your private CA and point NODE_EXTRA_CA_CERTS or SSL_CERT_FILE at it instead.")
  (#set! fix.replace "\"1\"")
  (#set! fix.title "Set the value to \"1\" (verify certificates)")
  (#set! fix.safe "")) @pair
(flow_pair
  key: (flow_node (plain_scalar) @name_key)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key)
  (#match? @name_key "^(name|Name)$")
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#set! sibling.key "^(value|Value)$")
  (#set! sibling.value "^'?0'?$")
  (#set! message "This env entry (`{setting}`) sets the variable to {value}, which turns off certificate verification for every HTTPS request of the container: anyone on the network path can pose as api.mufi.app and read your key. Remove it; mount your private CA and point NODE_EXTRA_CA_CERTS or SSL_CERT_FILE at it instead.")
  (#set! fix.replace "'1'")
  (#set! fix.title "Set the value to '1' (verify certificates)")
  (#set! fix.safe "")) @pair

; - name: GIT_SSL_NO_VERIFY   (with value: or valueFrom:): git skips certificate checks
(block_sequence_item
  (block_node (block_mapping
    (block_mapping_pair
      key: (flow_node (plain_scalar) @name_key)
      value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @key))
    (block_mapping_pair
      key: (flow_node (plain_scalar) @value_key))))
  (#match? @name_key "^(name|Name)$")
  (#match? @value_key "^(value|Value|valueFrom)$")
  (#match? @key "^[\"']?GIT_SSL_NO_VERIFY[\"']?$")
  (#set! message "This env entry sets GIT_SSL_NO_VERIFY, which makes git skip certificate checks whatever its value: anyone on the network path can serve a tampered repository. Remove the entry; trust a private CA with GIT_SSL_CAINFO instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the GIT_SSL_NO_VERIFY entry")) @setting
