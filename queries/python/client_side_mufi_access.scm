; MUFI002 client-side-mufi-access, Python: a Mufi key read under a public prefix
; (NEXT_PUBLIC_, VITE_, …) is bundled into browser code by the front end that defines it.

; os.environ["NEXT_PUBLIC_MUFI_API_KEY"]
(subscript
  value: (attribute attribute: (identifier) @env)
  subscript: (string) @var
  (#eq? @env "environ")) @read

; os.getenv("VITE_MUFI_KEY"), os.environ.get("VITE_MUFI_KEY")
(call
  function: (attribute attribute: (identifier) @getter)
  arguments: (argument_list . (string) @var)
  (#any-of? @getter "getenv" "get")) @read
