; MUFI006 cors-permissive-origin, YAML (serverless.yml and SAM/CloudFormation headers,
; Spring application.yml and Spring Cloud Gateway globalcors, Symfony nelmio_cors,
; ingress-nginx annotations, Traefik middlewares, Helm values, compose environments).
;
; `@setting` is always the value that allows every origin: the `"*"` scalar (or list
; item), or the nginx snippet that sets the header.
; `@origin` captures values given as allowed origins; Rust flags localhost ones in files
; named for production (application-prod.yml, values-production.yaml) or under a
; `production:` key.

; ---------------------------------------------------------------------------------
; Keys that take allowed origins, set to `*`:
;   Access-Control-Allow-Origin: "*", method.response.header.Access-Control-Allow-Origin: "'*'",
;   nginx.ingress.kubernetes.io/cors-allow-origin: "*", allowed-origins: "*" (Spring),
;   allowedOrigins: "*" (Spring Cloud Gateway), allow_origin: ['*'] (nelmio),
;   origin: '*' (serverless `cors:`), AllowOrigin: "'*'" (SAM), accessControlAllowOriginList (Traefik)
(block_mapping_pair
  key: (flow_node) @key
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @setting)
  (#match? @key "^[\"']?(?i:([^\"']*[./-])?access-control-allow-origin|([^\"']*/)?cors-allow-origin|access[-_]?control[-_]?allow[-_]?origin([-_]?list)?|allowed[-_]?origins?|allow[-_]?origins?|allowed[-_]?origin[-_]?patterns?|origins?|cors[-_]?origins?|cors[-_]?allowed[-_]?origins?)[\"']?$")
  (#match? @setting "^[\"']*\\*[\"']*$")
  (#set! message "`{setting}` as the allowed origin lets every website call this API from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))
(flow_pair
  key: (flow_node) @key
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @setting)
  (#match? @key "^[\"']?(?i:([^\"']*[./-])?access-control-allow-origin|([^\"']*/)?cors-allow-origin|access[-_]?control[-_]?allow[-_]?origin([-_]?list)?|allowed[-_]?origins?|allow[-_]?origins?|allowed[-_]?origin[-_]?patterns?|origins?|cors[-_]?origins?|cors[-_]?allowed[-_]?origins?)[\"']?$")
  (#match? @setting "^[\"']*\\*[\"']*$")
  (#set! message "`{setting}` as the allowed origin lets every website call this API from the browser and read the answers your server builds with its Mufi key. List your exact front-end origins instead."))

; the same keys given a list holding `*`:  allowed-origins: ["*"],  - "*"
(block_mapping_pair
  key: (flow_node) @key
  value: [
    (flow_node (flow_sequence (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @setting)))
    (block_node (block_sequence (block_sequence_item (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @setting))))
  ]
  (#match? @key "^[\"']?(?i:([^\"']*[./-])?access-control-allow-origin|access[-_]?control[-_]?allow[-_]?origin([-_]?list)?|allowed[-_]?origins?|allow[-_]?origins?|allowed[-_]?origin[-_]?patterns?|origins?|cors[-_]?origins?|cors[-_]?allowed[-_]?origins?)[\"']?$")
  (#match? @setting "^[\"']*\\*[\"']*$")
  (#set! message "`{setting}` among the allowed origins lets every website call this API from the browser and read the answers your server builds with its Mufi key. Keep only your exact front-end origins."))

; serverless.yml / CloudFormation header maps: { name: Access-Control-Allow-Origin, value: "*" }
; The `value` entry; the entry naming the header, before or after it, is found by
; `declared::sibling`: a pattern of two sibling entries would be tried against every
; pair of entries of the mapping around each keystroke, the file's top-level one included.
(block_mapping_pair
  key: (flow_node) @value_key
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @setting)
  (#match? @value_key "^[\"']?(?i:value)[\"']?$")
  (#match? @setting "^[\"']*\\*[\"']*$")
  (#set! sibling.key "^[\"']?(?i:name|key|header)[\"']?$")
  (#set! sibling.value "^[\"']?(?i:access-control-allow-origin)[\"']?$")
  (#set! message "`Access-Control-Allow-Origin: *` lets any website your users open call these routes from their browser and read the answers your server builds with its Mufi key. Set your exact front-end origin instead.")) @pair

; nginx snippets in ingress annotations: add_header Access-Control-Allow-Origin *;
; more_set_headers "Access-Control-Allow-Origin: $http_origin";
(block_mapping_pair
  value: (block_node (block_scalar) @setting)
  (#match? @setting "(?i)(add_header\\s+[\"']?access-control-allow-origin[\"']?\\s+[\"']?(\\*|\\$http_origin)|more_set_headers\\s+[\"']access-control-allow-origin:\\s*(\\*|\\$http_origin))")
  (#set! message "This nginx snippet sets Access-Control-Allow-Origin to `*` or to the request's own Origin, which allows every website: any site your users open can call the API from the browser and read the answers your server builds with its Mufi key. Send an origin only after matching it against your front ends (a `map` on $http_origin)."))

; ---------------------------------------------------------------------------------
; @origin: values given as allowed origins

; allowed-origins: http://localhost:3000, CORS_ORIGIN: "…", cors: { origins: […] }
(block_mapping_pair
  key: (flow_node) @key
  value: [
    (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @origin)
    (flow_node (flow_sequence (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @origin)))
    (block_node (block_sequence (block_sequence_item (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @origin))))
  ]
  (#match? @key "(?i)(origin|cors)"))
(flow_pair
  key: (flow_node) @key
  value: [
    (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @origin)
    (flow_node (flow_sequence (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @origin)))
  ]
  (#match? @key "(?i)(origin|cors)"))

; compose environment lists:  - CORS_ORIGIN=http://localhost:3000
(block_sequence_item
  (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)] @origin)
  (#match? @origin "^[\"']?[A-Za-z0-9_]*(?i:origin|cors)[A-Za-z0-9_]*="))
