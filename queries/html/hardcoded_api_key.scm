; MUFI001 hardcoded-api-key, HTML, Vue and Svelte markup: a key given to an attribute
; (`data-mufi-key="…"`, `<mufi-widget api-key="…">`). JWTs anywhere are found in Rust;
; inline scripts are read with the JavaScript and TypeScript queries.
(attribute
  (attribute_name) @name
  (quoted_attribute_value (attribute_value) @value))
(attribute
  (attribute_name) @name
  (attribute_value) @value)
