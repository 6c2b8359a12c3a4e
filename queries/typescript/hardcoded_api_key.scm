; MUFI001, TypeScript and TSX only.
; class Gateway { private mufiApiKey: string = "…" }
(public_field_definition
  name: (property_identifier) @name
  value: [(string) (template_string)] @value)
