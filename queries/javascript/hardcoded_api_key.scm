; MUFI001, JavaScript only (TypeScript's grammar names class fields differently).
; class Gateway { mufiApiKey = "…" }
(field_definition
  property: (property_identifier) @name
  value: [(string) (template_string)] @value)
