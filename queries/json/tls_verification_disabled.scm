; MUFI004 tls-verification-disabled, JSON: kubeconfig and tool settings that switch
; certificate verification off (ormconfig/pg `ssl`, VS Code settings, Grafana
; datasources, node-config), and the environment variables that do it for a whole
; process (launch.json, devcontainer.json, ECS task definitions). Secure values never match.

; Options that disable verification when true:
;   "insecure-skip-tls-verify": true (kubeconfig), "insecureSkipVerify": true,
;   "tlsSkipVerify": true (Grafana), "insecure_skip_verify": true, "skip_tls_verify": true …
(pair
  key: (string (string_content) @key)
  value: (true) @value
  (#match? @key "^([A-Za-z0-9_-]+\\.)*(?i:insecure[-_]?skip[-_]?(tls[-_]?)?verify|(tls|ssl)[-_]?(insecure[-_]?)?skip[-_]?verify|skip[-_]?(tls|ssl|cert|certificate)[-_]?(verify|verification|validation|check)|allow[-_]?self[-_]?signed|(danger[-_]?)?accept[-_]?(invalid|any|all|untrusted)[-_]?(cert|certs|certificate|certificates|hostnames))$")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to false and trust a private CA by its certificate instead.")
  (#set! fix.replace "false")
  (#set! fix.title "Set it to false (verify certificates)")
  (#set! fix.safe "")) @setting

; Options that disable verification when false:
;   "rejectUnauthorized": false (ormconfig, pg/mysql `ssl`, node-config), "strictSSL": false,
;   "strict-ssl": false (npm), "http.proxyStrictSSL": false (VS Code), "verify_ssl": false,
;   "ssl_verify": false, "tls_verify": false, "verifyCerts": false, "validate_certs": false …
(pair
  key: (string (string_content) @key)
  value: (false) @value
  (#match? @key "^([A-Za-z0-9_-]+\\.)*(rejectUnauthorized|(?i:(npm[-_]config[-_])?strict[-_]?ssl|enable[-_]?strict[-_]?ssl|proxy[-_]?strict[-_]?ssl|(ssl|tls)[-_]?verify|verify[-_]?(ssl|tls)|(ssl|tls)[-_]?verify[-_]?(peer|host|hostname|cert|certs|certificate|certificates)|verify[-_]?(peer|host|hostname|certs|certificate|certificates)|validate[-_]?(certs|certificate|certificates)|check[-_]?(certificate|certificates|hostname)))$")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate (`ca`) instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set it to true (verify certificates)")
  (#set! fix.safe "")) @setting

; the same switches as strings, in env maps: "NPM_CONFIG_STRICT_SSL": "false"
(pair
  key: (string (string_content) @key)
  value: (string (string_content) @value)
  (#match? @key "^([A-Za-z0-9_-]+\\.)*(rejectUnauthorized|(?i:(npm[-_]config[-_])?strict[-_]?ssl|(ssl|tls)[-_]?verify|verify[-_]?(ssl|tls)))$")
  (#match? @value "^(false|False|FALSE)$")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set it to true (verify certificates)")
  (#set! fix.safe "")) @setting

; A TLS section whose switch is off: "ssl": { "verify": false }, "tls": { "verify": false }
(pair
  key: (string (string_content) @key)
  value: (false) @value
  (#set! section.key "^\"(?i:tls|ssl|https|tls[-_]?options|ssl[-_]?options|tls[-_]?config|ssl[-_]?config)\"$")
  (#eq? @key "verify")
  (#set! message "`{setting}` in this TLS section turns off certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe "")) @setting @pair
; Argo CD cluster secrets: "tlsClientConfig": { "insecure": true }
(pair
  key: (string (string_content) @key)
  value: (true) @value
  (#set! section.key "^\"(?i:tlsClientConfig|tls_client_config)\"$")
  (#eq? @key "insecure")
  (#set! message "`\"insecure\": true` in tlsClientConfig skips certificate verification for this cluster: anyone on the network path can pose as the API server and read its credentials. Set it to false and give the cluster's CA in caData instead.")
  (#set! fix.replace "false")
  (#set! fix.title "Set insecure to false")
  (#set! fix.safe "")) @setting @pair

; Beats/Elasticsearch: "ssl.verification_mode": "none"
(pair
  key: (string (string_content) @key)
  value: (string (string_content) @value)
  (#match? @key "^([A-Za-z0-9_-]+\\.)*verification_mode$")
  (#eq? @value "none")
  (#set! message "`{setting}` accepts any certificate for any host: anyone on the network path can pose as the server and read what is sent to it. Use \"full\", with certificate_authorities for a private CA.")
  (#set! fix.replace "full")
  (#set! fix.title "Use verification_mode full")
  (#set! fix.safe "")) @setting

; Process-wide environment variables in env maps (launch.json, devcontainer.json
; containerEnv/remoteEnv, vercel.json, app.json): "NODE_TLS_REJECT_UNAUTHORIZED": "0"
(pair
  key: (string (string_content) @key)
  value: (string (string_content) @value)
  (#match? @key "^(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)$")
  (#eq? @value "0")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "1")
  (#set! fix.title "Set it to \"1\" (verify certificates)")
  (#set! fix.safe "")) @setting
(pair
  key: (string (string_content) @key)
  value: (number) @value
  (#match? @key "^(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)$")
  (#eq? @value "0")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "1")
  (#set! fix.title "Set it to 1 (verify certificates)")
  (#set! fix.safe "")) @setting

; "GIT_SSL_NO_VERIFY": "1": git skips certificate checks whatever the value
(pair
  key: (string (string_content) @key)
  value: [(string) (number) (true) (false)] @value
  (#eq? @key "GIT_SSL_NO_VERIFY")
  (#set! message "`{setting}` makes git skip certificate checks whatever its value (even \"false\" or \"0\"): anyone on the network path can serve a tampered repository. Remove it; trust a private CA with GIT_SSL_CAINFO instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY")) @setting

; NAME=value lists: "env": ["NODE_TLS_REJECT_UNAUTHORIZED=0"], runArgs ["-e", "…"]
(array
  (string (string_content) @value) @setting
  (#eq? @value "NODE_TLS_REJECT_UNAUTHORIZED=0")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "NODE_TLS_REJECT_UNAUTHORIZED=1")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))
(array
  (string (string_content) @value) @setting
  (#eq? @value "PYTHONHTTPSVERIFY=0")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the Python process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "PYTHONHTTPSVERIFY=1")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))
(array
  (string (string_content) @value) @setting
  (#match? @value "^GIT_SSL_NO_VERIFY=")
  (#set! message "`{setting}` makes git skip certificate checks whatever its value: anyone on the network path can serve a tampered repository. Remove it; trust a private CA with GIT_SSL_CAINFO instead."))

; ECS / CloudFormation env lists: {"name": "NODE_TLS_REJECT_UNAUTHORIZED", "value": "0"}
; Rooted at the `"name"` pair; the `"value"` pair beside it (before or after) is found by
; `declared::sibling` and is `@value`, and the object is `@setting`. A pattern of two
; sibling pairs would be tried against every pair of pairs of the object around each
; keystroke: the whole file, when it is one large object.
(pair
  key: (string (string_content) @name_key)
  value: (string (string_content) @key)
  (#match? @name_key "^(name|Name)$")
  (#match? @key "^(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)$")
  (#set! sibling.key "^\"(value|Value)\"$")
  (#set! sibling.value "^\"0\"$")
  (#set! message "This env entry (`{setting}`) sets the variable to 0, which turns off certificate verification for every HTTPS request of the container: anyone on the network path can pose as api.mufi.app and read your key. Remove it; point NODE_EXTRA_CA_CERTS or SSL_CERT_FILE at your private CA instead.")
  (#set! fix.replace "\"1\"")
  (#set! fix.title "Set the value to \"1\" (verify certificates)")
  (#set! fix.safe "")) @pair
(pair
  key: (string (string_content) @name_key)
  value: (string (string_content) @key)
  (#match? @name_key "^(name|Name)$")
  (#eq? @key "GIT_SSL_NO_VERIFY")
  (#set! sibling.key "^\"(value|Value)\"$")
  (#set! message "This env entry (`{setting}`) sets GIT_SSL_NO_VERIFY, which makes git skip certificate checks whatever its value: anyone on the network path can serve a tampered repository. Remove the entry; trust a private CA with GIT_SSL_CAINFO instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the GIT_SSL_NO_VERIFY entry")) @pair
