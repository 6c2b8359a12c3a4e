; MUFI004 tls-verification-disabled, TOML: tool settings that switch certificate
; verification off (Telegraf, Vector, Pipfile/PDM sources, GitLab Runner, uv, Poetry)
; and the environment variables that do it for a whole process (fly.toml [env],
; netlify.toml [build.environment]). Secure values never match.

; Options that disable verification when true:
;   insecure_skip_verify = true (Telegraf), tls_skip_verify = true, skip_tls_verify = true …
(pair
  .
  [(bare_key) (quoted_key) (dotted_key)] @key
  .
  (boolean) @value
  (#match? @key "^([^=]*\\.)?[\"']?(?i:insecure[-_]?skip[-_]?(tls[-_]?)?verify|(tls|ssl)[-_]?(insecure[-_]?)?skip[-_]?verify|skip[-_]?(tls|ssl|cert|certificate)[-_]?(verify|verification|validation|check)|allow[-_]?self[-_]?signed|(danger[-_]?)?accept[-_]?(invalid|any|all|untrusted)[-_]?(cert|certs|certificate|certificates|hostnames))[\"']?$")
  (#eq? @value "true")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to false and trust a private CA by its certificate (tls_ca, ca_file) instead.")
  (#set! fix.replace "false")
  (#set! fix.title "Set it to false (verify certificates)")
  (#set! fix.safe "")) @setting

; Options that disable verification when false:
;   verify_ssl = false (Pipfile and PDM [[source]]), tls_verify = false (GitLab Runner),
;   tls.verify_certificate = false / verify_hostname = false (Vector), ssl_verify = false,
;   rejectUnauthorized = false, strict-ssl = false …
(pair
  .
  [(bare_key) (quoted_key) (dotted_key)] @key
  .
  (boolean) @value
  (#match? @key "^([^=]*\\.)?[\"']?(rejectUnauthorized|(?i:(npm[-_]config[-_])?strict[-_]?ssl|enable[-_]?strict[-_]?ssl|proxy[-_]?strict[-_]?ssl|(ssl|tls)[-_]?verify|verify[-_]?(ssl|tls)|(ssl|tls)[-_]?verify[-_]?(peer|host|hostname|cert|certs|certificate|certificates)|verify[-_]?(peer|host|hostname|certs|certificate|certificates)|validate[-_]?(certs|certificate|certificates)|check[-_]?(certificate|certificates|hostname)))[\"']?$")
  (#eq? @value "false")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set it to true (verify certificates)")
  (#set! fix.safe "")) @setting

; tls.verify = false, ssl.verify = false
(pair
  .
  (dotted_key) @key
  .
  (boolean) @value
  (#match? @key "(^|\\.)(tls|ssl)\\.verify$")
  (#eq? @value "false")
  (#set! message "`{setting}` turns off TLS certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe "")) @setting

; [tls] / [sinks.es.tls] / [ssl] tables:  verify = false
(table
  [(bare_key) (dotted_key)] @section
  (pair . (bare_key) @key . (boolean) @value) @setting
  (#match? @section "(^|\\.)(tls|ssl)$")
  (#eq? @key "verify")
  (#eq? @value "false")
  (#set! message "`{setting}` in this TLS table turns off certificate verification: any machine on the network path can pose as the server and read the credentials and data sent to it (your Mufi key included). Set it to true and trust a private CA by its certificate instead.")
  (#set! fix.replace "true")
  (#set! fix.title "Set verify to true")
  (#set! fix.safe ""))

; Poetry: [certificates.<repository>] cert = false disables verification for that index
(table
  (dotted_key) @section
  (pair . (bare_key) @key . (boolean) @value) @setting
  (#match? @section "^certificates\\.")
  (#eq? @key "cert")
  (#eq? @value "false")
  (#set! message "`{setting}` for a Poetry repository turns off TLS certificate verification for it: anyone on the network path can serve tampered packages. Remove it, or set cert to the path of the repository's CA bundle.")
  (#set! fix.remove "")
  (#set! fix.title "Remove cert = false"))

; uv: allow-insecure-host = ["pypi.acme.internal"] skips certificate checks for those hosts
(pair
  .
  [(bare_key) (dotted_key)] @key
  .
  (array (string)) @value
  (#match? @key "(^|\\.)allow[-_]insecure[-_]host$")
  (#set! message "`{setting}` makes uv skip certificate verification for these hosts: anyone on the network path can serve tampered packages. Remove it and trust the index's CA instead (SSL_CERT_FILE, or native-tls = true for the system store).")
  (#set! fix.remove "")
  (#set! fix.title "Remove allow-insecure-host")) @setting

; Process-wide environment variables in env tables:
;   NODE_TLS_REJECT_UNAUTHORIZED = "0", PYTHONHTTPSVERIFY = '0', … = 0
(pair
  .
  [(bare_key) (quoted_key)] @key
  .
  (string) @value
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#eq? @value "\"0\"")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "\"1\"")
  (#set! fix.title "Set it to \"1\" (verify certificates)")
  (#set! fix.safe "")) @setting
(pair
  .
  [(bare_key) (quoted_key)] @key
  .
  (string) @value
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#eq? @value "'0'")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "'1'")
  (#set! fix.title "Set it to '1' (verify certificates)")
  (#set! fix.safe "")) @setting
(pair
  .
  [(bare_key) (quoted_key)] @key
  .
  (integer) @value
  (#match? @key "^[\"']?(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?$")
  (#eq? @value "0")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS or SSL_CERT_FILE instead.")
  (#set! fix.replace "1")
  (#set! fix.title "Set it to 1 (verify certificates)")
  (#set! fix.safe "")) @setting

; GIT_SSL_NO_VERIFY = "1": git skips certificate checks whatever the value
(pair
  .
  [(bare_key) (quoted_key)] @key
  .
  [(string) (integer) (boolean)] @value
  (#match? @key "^[\"']?GIT_SSL_NO_VERIFY[\"']?$")
  (#set! message "`{setting}` makes git skip certificate checks whatever its value (even \"false\" or \"0\"): anyone on the network path can serve a tampered repository. Remove it; trust a private CA with GIT_SSL_CAINFO instead.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY")) @setting

; NAME=value arrays: env = ["NODE_TLS_REJECT_UNAUTHORIZED=0"]
(array
  (string) @setting
  (#eq? @setting "\"NODE_TLS_REJECT_UNAUTHORIZED=0\"")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "\"NODE_TLS_REJECT_UNAUTHORIZED=1\"")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))
(array
  (string) @setting
  (#eq? @setting "\"PYTHONHTTPSVERIFY=0\"")
  (#set! message "`{setting}` turns off certificate verification for every HTTPS request of the Python process: anyone on the network path can pose as api.mufi.app and read your key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "\"PYTHONHTTPSVERIFY=1\"")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))
(array
  (string) @setting
  (#match? @setting "^[\"']GIT_SSL_NO_VERIFY=")
  (#set! message "`{setting}` makes git skip certificate checks whatever its value: anyone on the network path can serve a tampered repository. Remove it; trust a private CA with GIT_SSL_CAINFO instead."))
