; MUFI004 tls-verification-disabled, JavaScript and TypeScript.

; { rejectUnauthorized: false }, { strictSSL: false }, { NODE_TLS_REJECT_UNAUTHORIZED: "0" }
(pair
  key: [(property_identifier) (string)] @key
  value: [(false) (string) (number)] @value
  (#match? @key "^[\"']?(rejectUnauthorized|strictSSL|NODE_TLS_REJECT_UNAUTHORIZED)[\"']?$")) @setting

; const rejectUnauthorized = false  (then passed as a shorthand property)
(variable_declarator
  name: (identifier) @key
  value: (false) @value
  (#eq? @key "rejectUnauthorized")) @setting

; agent.options.rejectUnauthorized = false; process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
(assignment_expression
  left: (member_expression property: (property_identifier) @key)
  right: [(false) (string) (number)] @value
  (#match? @key "^(rejectUnauthorized|strictSSL|NODE_TLS_REJECT_UNAUTHORIZED)$")) @setting

; process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0"
(assignment_expression
  left: (subscript_expression index: (string) @key)
  right: [(false) (string) (number)] @value
  (#match? @key "^[\"'](rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED)[\"']$")) @setting

; checkServerIdentity: () => undefined, checkServerIdentity: function () {}
(pair
  key: [(property_identifier) (string)] @identity
  value: [(arrow_function) (function_expression)] @callback
  (#match? @identity "^[\"']?checkServerIdentity[\"']?$")) @setting

; checkServerIdentity() {} as a method
(method_definition
  name: (property_identifier) @identity
  body: (statement_block) @body
  (#eq? @identity "checkServerIdentity")) @method
