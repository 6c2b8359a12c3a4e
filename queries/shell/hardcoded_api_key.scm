; MUFI001 hardcoded-api-key, shell (and Dockerfiles, read as shell: `ENV KEY value` is
; `KEY=value`): literals in the places a key is given a name. JWTs anywhere (comments
; included) are found by decoding, in Rust. `@value` must be a string literal for Rust
; to judge it: `"…"`, `'…'`, `$'…'` (an unquoted word is listed for when Rust reads it).

; MUFI_API_KEY="…", export MUFI_KEY='…', local mufi_token="…", ENV MUFI_API_KEY "…"
(variable_assignment
  name: (variable_name) @name
  value: [(string) (raw_string) (ansi_c_string) (word)] @value)

; curl -H "Authorization: Bearer …", curl --header 'x-api-key: …', wget --header "…"
(command
  argument: (word) @flag
  .
  argument: [(string) (raw_string) (ansi_c_string)] @header @value
  (#any-of? @flag "-H" "--header"))

; curl -H"Authorization: Bearer …", wget --header="Authorization: Bearer …"
(concatenation
  .
  (word) @flag
  .
  [(string) (raw_string) (ansi_c_string)] @header @value
  .
  (#any-of? @flag "-H" "--header="))

; docker run -e "MUFI_API_KEY=…", echo 'MUFI_API_KEY=…' >> .env, --build-arg "MUFI_KEY=…",
; heroku config:set MUFI_API_KEY=… (unquoted: a word)
(command
  argument: [(string) (raw_string) (word)] @entry @value)

; ${MUFI_API_KEY:-"…"}, : "${MUFI_API_KEY:="…"}": the default of the variable
(expansion
  (variable_name) @name
  operator: _ @getter
  .
  [(string) (raw_string) (word)] @value
  (#any-of? @getter ":-" "-" ":=" "="))

; mufi login --token "…", mufi-cli --api-key '…': a key option of a Mufi command
(command
  name: (command_name) @client
  argument: (word) @option
  .
  argument: [(string) (raw_string) (word)] @value
  (#match? @option "^--?[A-Za-z][A-Za-z-]*$"))
