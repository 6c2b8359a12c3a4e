; MUFI004 tls-verification-disabled, shell (and Dockerfiles, read as shell: RUN lines,
; `ENV KEY value` as `KEY=value`, HEALTHCHECK CMD).
; A command is matched by its name (`curl`), or after a wrapper (`sudo curl`,
; `env X=1 curl`, `HEALTHCHECK CMD curl`), so that `-k` of other commands
; (`sort -k2`, `ssh -k`, `sudo -k`) is never read as curl's.

; ---------------------------------------------------------------- curl -k / --insecure

; curl -k, curl -fsSk (short flags combined: only flags without an argument before the k,
; so `-K file` and `-okubectl` are not read as -k)
(command
  name: (command_name) @cmd
  argument: (word) @value @setting
  (#match? @cmd "^(\\S*/)?curl$")
  (#match? @value "^-[012346aBfgGIijJlLMnNOpqRsSvVZ#]*k[012346aBfgGIijJlLMnNOpqRsSvVZ#]*[AbcCdDeEFHmoPQrtTuUwxXyYz]?$")
  (#set! message "`curl {value}` turns off certificate verification (-k is --insecure): anyone on the network path can pose as the server and read the Mufi key in the request. Drop -k; for a private CA pass it with --cacert.")
  (#set! fix.strip-flag "k")
  (#set! fix.title "Remove -k (verify certificates)"))

(command
  name: (command_name) @cmd
  argument: (word) @tool
  argument: (word) @value @setting
  (#any-of? @cmd "sudo" "doas" "env" "exec" "time" "nohup" "command" "xargs" "timeout" "watch" "CMD" "RUN")
  (#match? @tool "^(\\S*/)?curl$")
  (#match? @value "^-[012346aBfgGIijJlLMnNOpqRsSvVZ#]*k[012346aBfgGIijJlLMnNOpqRsSvVZ#]*[AbcCdDeEFHmoPQrtTuUwxXyYz]?$")
  (#set! message "`curl {value}` turns off certificate verification (-k is --insecure): anyone on the network path can pose as the server and read the Mufi key in the request. Drop -k; for a private CA pass it with --cacert.")
  (#set! fix.strip-flag "k")
  (#set! fix.title "Remove -k (verify certificates)"))

; curl --insecure
(command
  name: (command_name) @cmd
  argument: (word) @setting
  (#match? @cmd "^(\\S*/)?curl$")
  (#eq? @setting "--insecure")
  (#set! message "`curl --insecure` accepts any certificate: anyone on the network path can pose as the server and read the Mufi key in the request. Drop --insecure; for a private CA pass it with --cacert.")
  (#set! fix.remove "")
  (#set! fix.title "Remove --insecure (verify certificates)"))

(command
  name: (command_name) @cmd
  argument: (word) @tool
  argument: (word) @setting
  (#any-of? @cmd "sudo" "doas" "env" "exec" "time" "nohup" "command" "xargs" "timeout" "watch" "CMD" "RUN")
  (#match? @tool "^(\\S*/)?curl$")
  (#eq? @setting "--insecure")
  (#set! message "`curl --insecure` accepts any certificate: anyone on the network path can pose as the server and read the Mufi key in the request. Drop --insecure; for a private CA pass it with --cacert.")
  (#set! fix.remove "")
  (#set! fix.title "Remove --insecure (verify certificates)"))

; Dockerfile exec form: HEALTHCHECK CMD ["curl", "-fk", "https://…"], read as words of
; quoted strings joined by commas (the "curl" string opens the command or follows `CMD [`).
([
  (command
    name: (command_name (concatenation (string (string_content) @tool) . (word) @sep))
    .
    argument: (concatenation . (string) . (word) @sep .)*
    .
    argument: (concatenation . (string (string_content) @value) @setting))
  (command
    argument: (concatenation (string (string_content) @tool) . (word) @sep)
    .
    argument: (concatenation . (string) . (word) @sep .)*
    .
    argument: (concatenation . (string (string_content) @value) @setting))
]
  (#eq? @sep ",")
  (#eq? @tool "curl")
  (#match? @value "^-[012346aBfgGIijJlLMnNOpqRsSvVZ#]*k[012346aBfgGIijJlLMnNOpqRsSvVZ#]*[AbcCdDeEFHmoPQrtTuUwxXyYz]?$")
  (#not-eq? @value "-k")
  (#set! message "`curl {value}` turns off certificate verification (-k is --insecure): anyone on the network path can pose as the server and read the Mufi key in the request. Drop -k; for a private CA pass it with --cacert.")
  (#set! fix.strip-flag "k")
  (#set! fix.title "Remove -k (verify certificates)"))

([
  (command
    name: (command_name (concatenation (string (string_content) @tool) . (word) @sep))
    .
    argument: (concatenation . (string) . (word) @sep .)*
    .
    argument: (concatenation . (string (string_content) @value) @setting))
  (command
    argument: (concatenation (string (string_content) @tool) . (word) @sep)
    .
    argument: (concatenation . (string) . (word) @sep .)*
    .
    argument: (concatenation . (string (string_content) @value) @setting))
]
  (#eq? @sep ",")
  (#eq? @tool "curl")
  (#any-of? @value "-k" "--insecure")
  (#set! message "`curl {value}` turns off certificate verification: anyone on the network path can pose as the server and read the Mufi key in the request. Drop it; for a private CA pass it with --cacert.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the flag (verify certificates)"))

; The exec form with its brackets and commas blanked: "curl" "-fk" "https://…"
(command
  name: (command_name (string (string_content) @tool))
  argument: (string (string_content) @value) @setting
  (#eq? @tool "curl")
  (#match? @value "^-[012346aBfgGIijJlLMnNOpqRsSvVZ#]*k[012346aBfgGIijJlLMnNOpqRsSvVZ#]*[AbcCdDeEFHmoPQrtTuUwxXyYz]?$")
  (#not-eq? @value "-k")
  (#set! message "`curl {value}` turns off certificate verification (-k is --insecure): anyone on the network path can pose as the server and read the Mufi key in the request. Drop -k; for a private CA pass it with --cacert.")
  (#set! fix.strip-flag "k")
  (#set! fix.title "Remove -k (verify certificates)"))

(command
  name: (command_name (string (string_content) @tool))
  argument: (string (string_content) @value) @setting
  (#eq? @tool "curl")
  (#any-of? @value "-k" "--insecure")
  (#set! message "`curl {value}` turns off certificate verification: anyone on the network path can pose as the server and read the Mufi key in the request. Drop it; for a private CA pass it with --cacert.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the flag (verify certificates)"))

; ---------------------------------------------------------------- wget --no-check-certificate

(command
  name: (command_name) @cmd
  argument: (word) @setting
  (#match? @cmd "^(\\S*/)?wget$")
  (#eq? @setting "--no-check-certificate")
  (#set! message "`wget --no-check-certificate` accepts any certificate: anyone on the network path can pose as the server and tamper with the download or read credentials. Drop it; for a private CA pass it with --ca-certificate.")
  (#set! fix.remove "")
  (#set! fix.title "Remove --no-check-certificate (verify certificates)"))

(command
  name: (command_name) @cmd
  argument: (word) @tool
  argument: (word) @setting
  (#any-of? @cmd "sudo" "doas" "env" "exec" "time" "nohup" "command" "xargs" "timeout" "watch" "CMD" "RUN")
  (#match? @tool "^(\\S*/)?wget$")
  (#eq? @setting "--no-check-certificate")
  (#set! message "`wget --no-check-certificate` accepts any certificate: anyone on the network path can pose as the server and tamper with the download or read credentials. Drop it; for a private CA pass it with --ca-certificate.")
  (#set! fix.remove "")
  (#set! fix.title "Remove --no-check-certificate (verify certificates)"))

; ---------------------------------------------------------------- git

; git config [--global|--system|--file f] http.sslVerify false (also per-URL
; http.<url>.sslVerify; git booleans false/no/off/0)
(command
  name: (command_name) @cmd
  argument: (word) @sub
  argument: _ @key
  .
  argument: _ @value
  (#match? @cmd "^(\\S*/)?git$")
  (#eq? @sub "config")
  (#match? @key "^[\"']?(?i:http\\.(\\S*\\.)?sslverify)[\"']?$")
  (#match? @value "^[\"']?(?i:false|no|off|0)[\"']?$")
  (#set! message "`git config http.sslVerify false` makes git accept any certificate for HTTPS remotes: anyone on the network path can serve tampered code or capture credentials. Remove the setting; for a private CA set http.sslCAInfo.")
  (#set! fix.replace "true")
  (#set! fix.title "Set http.sslVerify to true")
  (#set! fix.safe "")) @setting

; sudo git config --system http.sslVerify false
(command
  name: (command_name) @wrap
  argument: (word) @cmd
  .
  argument: (word) @sub
  argument: _ @key
  .
  argument: _ @value
  (#any-of? @wrap "sudo" "doas" "env" "exec" "command" "RUN")
  (#match? @cmd "^(\\S*/)?git$")
  (#eq? @sub "config")
  (#match? @key "^[\"']?(?i:http\\.(\\S*\\.)?sslverify)[\"']?$")
  (#match? @value "^[\"']?(?i:false|no|off|0)[\"']?$")
  (#set! message "`git config http.sslVerify false` makes git accept any certificate for HTTPS remotes: anyone on the network path can serve tampered code or capture credentials. Remove the setting; for a private CA set http.sslCAInfo.")
  (#set! fix.replace "true")
  (#set! fix.title "Set http.sslVerify to true")
  (#set! fix.safe "")) @setting

; git -c http.sslVerify=false clone …
(command
  name: (command_name) @cmd
  argument: (word) @flag
  .
  argument: (word) @value @setting
  (#match? @cmd "^(\\S*/)?git$")
  (#eq? @flag "-c")
  (#match? @value "^(?i:http\\.(\\S*\\.)?sslverify)=(?i:false|no|off|0)$")
  (#set! message "`git -c {value}` makes git accept any certificate for this command: anyone on the network path can serve tampered code or capture credentials. Remove it; for a private CA set http.sslCAInfo.")
  (#set! fix.replace "http.sslVerify=true")
  (#set! fix.title "Set http.sslVerify to true")
  (#set! fix.safe ""))

; ---------------------------------------------------------------- npm / yarn / pnpm

; npm config set strict-ssl false, yarn config set strict-ssl false, npm set strict-ssl false
(command
  name: (command_name) @cmd
  argument: (word) @sub
  .
  argument: _ @key
  .
  argument: _ @value
  (#match? @cmd "^(\\S*/)?(npm|yarn|pnpm)$")
  (#eq? @sub "set")
  (#match? @key "^[\"']?(strict-ssl|enableStrictSsl)[\"']?$")
  (#match? @value "^[\"']?false[\"']?$")
  (#set! message "`{setting}` makes the package manager accept any certificate from the registry: anyone on the network path can serve tampered packages. Remove it; for a private CA set cafile.")
  (#set! fix.replace "true")
  (#set! fix.title "Set strict-ssl to true")
  (#set! fix.safe "")) @setting

; sudo npm config set strict-ssl false
(command
  name: (command_name) @wrap
  argument: (word) @cmd
  argument: (word) @sub
  .
  argument: _ @key
  .
  argument: _ @value
  (#any-of? @wrap "sudo" "doas" "env" "exec" "command" "RUN")
  (#match? @cmd "^(\\S*/)?(npm|yarn|pnpm)$")
  (#eq? @sub "set")
  (#match? @key "^[\"']?(strict-ssl|enableStrictSsl)[\"']?$")
  (#match? @value "^[\"']?false[\"']?$")
  (#set! message "`{setting}` makes the package manager accept any certificate from the registry: anyone on the network path can serve tampered packages. Remove it; for a private CA set cafile.")
  (#set! fix.replace "true")
  (#set! fix.title "Set strict-ssl to true")
  (#set! fix.safe "")) @setting

; npm config set strict-ssl=false
(command
  name: (command_name) @cmd
  argument: (word) @value @setting
  (#match? @cmd "^(\\S*/)?(npm|yarn|pnpm)$")
  (#eq? @value "strict-ssl=false")
  (#set! message "`{setting}` makes the package manager accept any certificate from the registry: anyone on the network path can serve tampered packages. Remove it; for a private CA set cafile.")
  (#set! fix.replace "strict-ssl=true")
  (#set! fix.title "Set strict-ssl to true")
  (#set! fix.safe ""))

; npm install --strict-ssl=false
(command
  name: (command_name) @cmd
  argument: (word) @value @setting
  (#match? @cmd "^(\\S*/)?(npm|yarn|pnpm)$")
  (#eq? @value "--strict-ssl=false")
  (#set! message "`{setting}` makes the package manager accept any certificate from the registry: anyone on the network path can serve tampered packages. Remove it; for a private CA set cafile.")
  (#set! fix.replace "--strict-ssl=true")
  (#set! fix.title "Set strict-ssl to true")
  (#set! fix.safe ""))

; ---------------------------------------------------------------- environment variables
; `export X=0`, `X=0 node app.js`, `local X=0`, Dockerfile `ENV X 0`.

; NODE_TLS_REJECT_UNAUTHORIZED=0
(variable_assignment
  name: (variable_name) @name
  value: _ @value
  (#eq? @name "NODE_TLS_REJECT_UNAUTHORIZED")
  (#match? @value "^[\"']?0[\"']?$")
  (#set! message "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every HTTPS request of the Node process: anyone on the network path can pose as api.mufi.app and read the key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "1")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe "")) @setting

; PYTHONHTTPSVERIFY=0
(variable_assignment
  name: (variable_name) @name
  value: _ @value
  (#eq? @name "PYTHONHTTPSVERIFY")
  (#match? @value "^[\"']?0[\"']?$")
  (#set! message "PYTHONHTTPSVERIFY=0 turns off certificate verification for Python's HTTPS connections: anyone on the network path can pose as the server and read the key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "1")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe "")) @setting

; NODE_TLS_REJECT_UNAUTHORIZED=${NODE_TLS_REJECT_UNAUTHORIZED:-0}: off unless told otherwise
(variable_assignment
  name: (variable_name) @name
  value: [
    (expansion operator: _ . [(word) (number)] @value .)
    (string . (expansion operator: _ . [(word) (number)] @value .) .)
  ]
  (#eq? @name "NODE_TLS_REJECT_UNAUTHORIZED")
  (#eq? @value "0")
  (#set! message "NODE_TLS_REJECT_UNAUTHORIZED defaults to 0 here, which turns off certificate verification for every HTTPS request of the Node process: anyone on the network path can pose as api.mufi.app and read the key. Default to 1; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "1")
  (#set! fix.title "Default NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe "")) @setting

(variable_assignment
  name: (variable_name) @name
  value: [
    (expansion operator: _ . [(word) (number)] @value .)
    (string . (expansion operator: _ . [(word) (number)] @value .) .)
  ]
  (#eq? @name "PYTHONHTTPSVERIFY")
  (#eq? @value "0")
  (#set! message "PYTHONHTTPSVERIFY defaults to 0 here, which turns off certificate verification for Python's HTTPS connections: anyone on the network path can pose as the server and read the key. Default to 1; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "1")
  (#set! fix.title "Default PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe "")) @setting

; npm_config_strict_ssl=false
(variable_assignment
  name: (variable_name) @name
  value: _ @value
  (#match? @name "^(?i:npm_config_strict_ssl)$")
  (#match? @value "^[\"']?false[\"']?$")
  (#set! message "{setting} makes npm accept any certificate from the registry: anyone on the network path can serve tampered packages. Remove it; for a private CA set NPM_CONFIG_CAFILE.")
  (#set! fix.replace "true")
  (#set! fix.title "Set strict-ssl to true")
  (#set! fix.safe "")) @setting

; GIT_SSL_NO_VERIFY=<anything>: git skips certificate checks whenever it is set.
; `export GIT_SSL_NO_VERIFY=1` alone: the whole statement goes.
(declaration_command
  .
  (variable_assignment name: (variable_name) @name)
  .
  (#eq? @name "GIT_SSL_NO_VERIFY")
  (#set! message "GIT_SSL_NO_VERIFY makes git skip certificate checks whatever its value: anyone on the network path can serve tampered code or capture credentials. Remove it; for a private CA set GIT_SSL_CAINFO.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY")) @setting

; `export A=1 GIT_SSL_NO_VERIFY=1`, `declare -x GIT_SSL_NO_VERIFY=1`: the assignment goes.
(declaration_command
  (_)
  (variable_assignment name: (variable_name) @name) @setting
  (#eq? @name "GIT_SSL_NO_VERIFY")
  (#set! message "GIT_SSL_NO_VERIFY makes git skip certificate checks whatever its value: anyone on the network path can serve tampered code or capture credentials. Remove it; for a private CA set GIT_SSL_CAINFO.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY"))

(declaration_command
  (variable_assignment name: (variable_name) @name) @setting
  (_)
  (#eq? @name "GIT_SSL_NO_VERIFY")
  (#set! message "GIT_SSL_NO_VERIFY makes git skip certificate checks whatever its value: anyone on the network path can serve tampered code or capture credentials. Remove it; for a private CA set GIT_SSL_CAINFO.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY"))

; `GIT_SSL_NO_VERIFY=true git clone …`, a bare `GIT_SSL_NO_VERIFY=1` in a block.
([
  (command (variable_assignment name: (variable_name) @name) @setting)
  (variable_assignments (variable_assignment name: (variable_name) @name) @setting)
  (compound_statement (variable_assignment name: (variable_name) @name) @setting)
  (subshell (variable_assignment name: (variable_name) @name) @setting)
  (do_group (variable_assignment name: (variable_name) @name) @setting)
  (if_statement (variable_assignment name: (variable_name) @name) @setting)
  (elif_clause (variable_assignment name: (variable_name) @name) @setting)
  (else_clause (variable_assignment name: (variable_name) @name) @setting)
  (case_item (variable_assignment name: (variable_name) @name) @setting)
  (list (variable_assignment name: (variable_name) @name) @setting)
  (pipeline (variable_assignment name: (variable_name) @name) @setting)
  (redirected_statement (variable_assignment name: (variable_name) @name) @setting)
  (command_substitution (variable_assignment name: (variable_name) @name) @setting)
  ; error recovery (a Dockerfile's exec-form `CMD ["node", "app.js"]` is not shell)
  (ERROR (variable_assignment name: (variable_name) @name) @setting)
]
  (#eq? @name "GIT_SSL_NO_VERIFY")
  (#set! message "GIT_SSL_NO_VERIFY makes git skip certificate checks whatever its value: anyone on the network path can serve tampered code or capture credentials. Remove it; for a private CA set GIT_SSL_CAINFO.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY"))

; A bare `GIT_SSL_NO_VERIFY=1` at the top of a script, Dockerfile ENV. Rooted at the
; assignment, its parent checked in Rust: a pattern rooted at `program` is tried
; against every top-level statement each time it runs (0.3 ms a keystroke in a
; 5,000-line script).
((variable_assignment name: (variable_name) @name) @setting
  (#eq? @name "GIT_SSL_NO_VERIFY")
  (#set! parent "program")
  (#set! message "GIT_SSL_NO_VERIFY makes git skip certificate checks whatever its value: anyone on the network path can serve tampered code or capture credentials. Remove it; for a private CA set GIT_SSL_CAINFO.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY"))

; The same variables as words and strings of other commands: `env NODE_TLS_REJECT_UNAUTHORIZED=0 node
; app.js`, `docker run -e NODE_TLS_REJECT_UNAUTHORIZED=0`, `echo "PYTHONHTTPSVERIFY=0" >> .env`.
((word) @value @setting
  (#eq? @value "NODE_TLS_REJECT_UNAUTHORIZED=0")
  (#set! message "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every HTTPS request of the Node process: anyone on the network path can pose as api.mufi.app and read the key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "NODE_TLS_REJECT_UNAUTHORIZED=1")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))

((string (string_content) @value) @setting
  (#eq? @value "NODE_TLS_REJECT_UNAUTHORIZED=0")
  (#set! message "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every HTTPS request of the Node process: anyone on the network path can pose as api.mufi.app and read the key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "NODE_TLS_REJECT_UNAUTHORIZED=1")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))

((raw_string) @value @setting
  (#eq? @value "'NODE_TLS_REJECT_UNAUTHORIZED=0'")
  (#set! message "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every HTTPS request of the Node process: anyone on the network path can pose as api.mufi.app and read the key. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.")
  (#set! fix.replace "'NODE_TLS_REJECT_UNAUTHORIZED=1'")
  (#set! fix.title "Set NODE_TLS_REJECT_UNAUTHORIZED to 1")
  (#set! fix.safe ""))

((word) @value @setting
  (#eq? @value "PYTHONHTTPSVERIFY=0")
  (#set! message "PYTHONHTTPSVERIFY=0 turns off certificate verification for Python's HTTPS connections: anyone on the network path can pose as the server and read the key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "PYTHONHTTPSVERIFY=1")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))

((string (string_content) @value) @setting
  (#eq? @value "PYTHONHTTPSVERIFY=0")
  (#set! message "PYTHONHTTPSVERIFY=0 turns off certificate verification for Python's HTTPS connections: anyone on the network path can pose as the server and read the key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "PYTHONHTTPSVERIFY=1")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))

((raw_string) @value @setting
  (#eq? @value "'PYTHONHTTPSVERIFY=0'")
  (#set! message "PYTHONHTTPSVERIFY=0 turns off certificate verification for Python's HTTPS connections: anyone on the network path can pose as the server and read the key. Remove it; trust a private CA with SSL_CERT_FILE or REQUESTS_CA_BUNDLE instead.")
  (#set! fix.replace "'PYTHONHTTPSVERIFY=1'")
  (#set! fix.title "Set PYTHONHTTPSVERIFY to 1")
  (#set! fix.safe ""))

; `env GIT_SSL_NO_VERIFY=1 git clone …`: the word goes.
(command
  name: (command_name) @cmd
  argument: (word) @setting
  (#eq? @cmd "env")
  (#match? @setting "^GIT_SSL_NO_VERIFY=")
  (#set! message "GIT_SSL_NO_VERIFY makes git skip certificate checks whatever its value: anyone on the network path can serve tampered code or capture credentials. Remove it; for a private CA set GIT_SSL_CAINFO.")
  (#set! fix.remove "")
  (#set! fix.title "Remove GIT_SSL_NO_VERIFY"))

; `docker run -e GIT_SSL_NO_VERIFY=true`: no fix (removing the word would leave `-e` bare).
(command
  argument: (word) @flag
  .
  argument: [(word) (string) (raw_string)] @setting
  (#any-of? @flag "-e" "--env" "--build-arg")
  (#match? @setting "^[\"']?GIT_SSL_NO_VERIFY=")
  (#set! message "GIT_SSL_NO_VERIFY makes git skip certificate checks whatever its value: anyone on the network path can serve tampered code or capture credentials. Remove it; for a private CA set GIT_SSL_CAINFO."))

; ---------------------------------------------------------------- other clients

; kubectl/helm/oc --insecure-skip-tls-verify[=true], helm --kube-insecure-skip-tls-verify
((word) @setting
  (#match? @setting "^--(kube-)?insecure-skip-tls-verify(=true)?$")
  (#set! message "`{setting}` makes the client accept any certificate from the API server: anyone on the network path can pose as the cluster and capture its credentials. Remove it; pass the cluster's CA with --certificate-authority.")
  (#set! fix.remove "")
  (#set! fix.title "Remove the flag (verify certificates)"))

; aws --no-verify-ssl
((word) @setting
  (#eq? @setting "--no-verify-ssl")
  (#set! message "`--no-verify-ssl` makes the AWS CLI accept any certificate: anyone on the network path can pose as the endpoint and capture credentials. Remove it; for a private CA pass --ca-bundle.")
  (#set! fix.remove "")
  (#set! fix.title "Remove --no-verify-ssl"))

; ---------------------------------------------------------------- rc files written by scripts
; echo insecure >> ~/.curlrc, echo "check_certificate = off" >> ~/.wgetrc,
; echo "strict-ssl=false" >> ~/.npmrc: every later call skips verification. No fix: the
; statement may be part of a longer command line.
(redirected_statement
  body: (command
    name: (command_name) @cmd
    argument: [(word) (string) (raw_string)] @value)
  redirect: (file_redirect destination: _ @dest)
  (#any-of? @cmd "echo" "printf")
  (#match? @value "^[\"']?(-k|--insecure|insecure)(\\\\n)?[\"']?$")
  (#match? @dest "\\.curlrc[\"']?$")
  (#set! message "Writing `insecure` into .curlrc turns off certificate verification for every later curl call: anyone on the network path can pose as the server and read the Mufi key. Remove it; for a private CA add `cacert = /path/ca.pem` instead.")) @setting

(redirected_statement
  body: (command
    name: (command_name) @cmd
    argument: [(word) (string) (raw_string)] @value)
  redirect: (file_redirect destination: _ @dest)
  (#any-of? @cmd "echo" "printf")
  (#match? @value "^[\"']?check_certificate\\s*=\\s*(off|no|0|false)(\\\\n)?[\"']?$")
  (#match? @dest "\\.wgetrc[\"']?$")
  (#set! message "Writing `check_certificate = off` into .wgetrc turns off certificate verification for every later wget call: anyone on the network path can pose as the server and tamper with downloads. Remove it; for a private CA set ca_certificate instead.")) @setting

(redirected_statement
  body: (command
    name: (command_name) @cmd
    argument: [(word) (string) (raw_string)] @value)
  redirect: (file_redirect destination: _ @dest)
  (#any-of? @cmd "echo" "printf")
  (#match? @value "^[\"']?strict-ssl\\s*=\\s*false(\\\\n)?[\"']?$")
  (#match? @dest "\\.npmrc[\"']?$")
  (#set! message "Writing `strict-ssl=false` into .npmrc makes npm accept any certificate from the registry: anyone on the network path can serve tampered packages. Remove it; for a private CA set cafile instead.")) @setting
