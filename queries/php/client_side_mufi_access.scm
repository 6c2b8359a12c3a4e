; MUFI002 client-side-mufi-access, PHP: a Mufi key read under a public prefix
; (NEXT_PUBLIC_, VITE_, …) is bundled into browser code by the front end that defines it.

; getenv('VITE_MUFI_KEY'), env('NEXT_PUBLIC_MUFI_API_KEY') (Laravel)
(function_call_expression
  function: [(name) (qualified_name)] @getter
  arguments: (arguments . (argument [(string) (encapsed_string)] @var))
  (#match? @getter "^\\\\?(getenv|env)$")) @read

; $_ENV['NEXT_PUBLIC_MUFI_API_KEY'], $_SERVER['VITE_MUFI_KEY']
(subscript_expression
  (variable_name) @superglobal
  [(string) (encapsed_string)] @var
  (#any-of? @superglobal "$_ENV" "$_SERVER")) @read

; putenv('NEXT_PUBLIC_MUFI_API_KEY=…')
(function_call_expression
  function: (name) @function
  arguments: (arguments . (argument [(string) (encapsed_string)] @entry))
  (#eq? @function "putenv"))

; Mufi API URLs, in files configured as client-side
(string) @string
(encapsed_string) @string
