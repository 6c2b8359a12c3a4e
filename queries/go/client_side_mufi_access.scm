; MUFI002 client-side-mufi-access, Go. Go code runs on servers, so Mufi URLs and keys
; in it are not flagged; a Mufi key under a public prefix (NEXT_PUBLIC_, VITE_, …) is:
; whatever reads or sets it here, the front end that defines it inlines it into the bundle.

; os.Getenv("NEXT_PUBLIC_MUFI_API_KEY"), os.LookupEnv("VITE_MUFI_KEY"),
; os.Setenv("VITE_MUFI_KEY", key) before running the front-end build
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @function)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @var)
  (#any-of? @package "os" "syscall")
  (#any-of? @function "Getenv" "LookupEnv" "Setenv")) @read

; cmd.Env = append(os.Environ(), "VITE_MUFI_KEY="+key)
((interpreted_string_literal) @entry
  (#match? @entry "^\"[A-Za-z_][A-Za-z0-9_]*="))
