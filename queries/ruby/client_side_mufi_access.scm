; MUFI002 client-side-mufi-access, Ruby: a Mufi key read under a public prefix
; (NEXT_PUBLIC_, VITE_, …) is bundled into browser code by the front end that defines it.

; ENV["NEXT_PUBLIC_MUFI_API_KEY"]
(element_reference
  object: (constant) @env_object
  (string) @var
  (#eq? @env_object "ENV")) @read

; ENV.fetch("VITE_MUFI_KEY"), ENV.fetch("VITE_MUFI_KEY", nil), ENV.fetch("…") { … }
(call
  receiver: (constant) @env_object
  method: (identifier) @getter
  arguments: (argument_list . (string) @var)
  (#eq? @env_object "ENV")
  (#eq? @getter "fetch")) @read

; Mufi API URLs, in files configured as client-side
(string) @string
