; MUFI002 client-side-mufi-access, HTML, Vue and Svelte markup: these files run in the
; browser, so a Mufi API URL in an attribute (a form action, a preconnect link, a
; widget's endpoint) is a call from the browser. Inline scripts use the JS/TS queries.
(attribute
  (attribute_name) @attr
  (quoted_attribute_value) @string)
(attribute
  (attribute_name) @attr
  (attribute_value) @string)
