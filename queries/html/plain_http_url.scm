; MUFI003 plain-http-url, HTML, Vue and Svelte markup: attribute values (href, src,
; action, <meta http-equiv="refresh" content="0; url=…">). Text between tags is prose,
; and namespace attributes (xmlns, xmlns:xlink) name schemas, not servers.
(attribute
  (attribute_name) @attr
  [(attribute_value) (quoted_attribute_value)] @string
  (#not-match? @attr "^(xmlns|xsi:schemaLocation)"))
