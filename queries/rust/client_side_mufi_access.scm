; MUFI002 client-side-mufi-access, Rust. Rust code here runs on servers, so Mufi URLs
; and keys in it are not flagged; a Mufi key under a public prefix (NEXT_PUBLIC_,
; VITE_, …) is: whatever reads or sets it here, the front end that defines it inlines
; it into the bundle.

; std::env::var("NEXT_PUBLIC_MUFI_API_KEY"), env::var_os("VITE_MUFI_KEY"),
; dotenvy::var("VITE_MUFI_KEY"), std::env::set_var("VITE_MUFI_KEY", key)
(call_expression
  function: (scoped_identifier
    path: (_) @module
    name: (identifier) @function)
  arguments: (arguments . [(string_literal) (raw_string_literal)] @var)
  (#match? @module "(^|::)(env|dotenv|dotenvy)$")
  (#any-of? @function "var" "var_os" "set_var")) @read

; var("VITE_MUFI_KEY") after `use std::env::var;`
(call_expression
  function: (identifier) @function
  arguments: (arguments . [(string_literal) (raw_string_literal)] @var)
  (#any-of? @function "var" "var_os" "set_var")) @read

; env!("VITE_MUFI_KEY"), option_env!("NEXT_PUBLIC_MUFI_API_KEY"), dotenvy_macro's dotenv!(…)
(macro_invocation
  macro: [
    (identifier) @macro
    (scoped_identifier name: (identifier) @macro)
  ]
  (token_tree . [(string_literal) (raw_string_literal)] @var)
  (#any-of? @macro "env" "option_env" "dotenv")) @read

; Command::new("npm").env("VITE_MUFI_KEY", key): handing the key to a front-end build
; (@read is the name: the call itself starts where the builder chain does)
(call_expression
  function: (field_expression field: (field_identifier) @method)
  arguments: (arguments . [(string_literal) (raw_string_literal)] @var @read)
  (#eq? @method "env"))

; clap: #[arg(long, env = "VITE_MUFI_KEY")]
(attribute
  (identifier) @attribute
  arguments: (token_tree
    (identifier) @option
    .
    "="
    .
    [(string_literal) (raw_string_literal)] @var @read)
  (#any-of? @attribute "arg" "clap" "structopt")
  (#eq? @option "env"))

; "VITE_MUFI_KEY=…" strings (env files written by code, `docker run -e`)
((string_literal) @entry
  (#match? @entry "^\"[A-Za-z_][A-Za-z0-9_]*="))
