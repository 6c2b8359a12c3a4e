; MUFI001, TypeScript and TSX only.
; class Gateway { private mufiApiKey: string = "…" }
(public_field_definition
  name: (property_identifier) @name
  value: [(string) (template_string)] @value)

; const mufiKey = "…" as const; const mufiKey = "…" satisfies string
(variable_declarator
  name: (identifier) @name
  value: [
    (as_expression (string) @value)
    (satisfies_expression (string) @value)
  ])
