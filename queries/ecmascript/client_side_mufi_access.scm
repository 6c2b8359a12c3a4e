; MUFI002 client-side-mufi-access, JavaScript and TypeScript.

; process.env.NEXT_PUBLIC_MUFI_API_KEY, import.meta.env.VITE_MUFI_KEY
(member_expression
  object: (member_expression
    object: [(identifier) (meta_property)] @root
    property: (property_identifier) @env)
  property: (property_identifier) @var
  (#eq? @env "env")) @read

; process.env["NEXT_PUBLIC_MUFI_API_KEY"]
(subscript_expression
  object: (member_expression
    object: [(identifier) (meta_property)] @root
    property: (property_identifier) @env)
  index: (string) @var
  (#eq? @env "env")) @read

; const { NEXT_PUBLIC_MUFI_API_KEY } = process.env
(variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @var @read)
  value: (member_expression property: (property_identifier) @env)
  (#eq? @env "env"))

; a variable named like a Mufi key, declared in client code
(variable_declarator
  name: (identifier) @declared
  value: (_)? @declared_value
  (#match? @declared "[Mm][Uu][Ff][Ii]"))

; and each use of one: `Bearer ${mufiKey}`, { mufiKey }
([(identifier) (shorthand_property_identifier)] @reference
  (#match? @reference "[Mm][Uu][Ff][Ii]"))

; Mufi API URLs in client code
(string) @string
(template_string) @string

; next.config.js: env: { NEXT_PUBLIC_MUFI_API_KEY: …, MUFI_API_KEY: … } is inlined into the bundle
(pair
  key: [(property_identifier) (string)] @section
  value: (object (pair key: [(property_identifier) (string)] @inlined) @inlined_pair)
  (#match? @section "^[\"']?env[\"']?$"))

; import { PUBLIC_MUFI_API_KEY } from "$env/static/public" (SvelteKit inlines these)
(import_specifier
  name: (identifier) @var @read)
