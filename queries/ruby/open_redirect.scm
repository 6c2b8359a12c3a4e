; MUFI008 open-redirect, Ruby: Rails, Sinatra, Roda, Hanami.
;
; A request read is an expression starting with params[:return_to], params["next"],
; params[:user][:return_to], params.fetch(:next), params.fetch(:next, root_path),
; params.dig(:user, :back), request.params[..], request.query_parameters[..],
; request.GET[..] or request.POST[..] (so params[:next].to_s is one too). The element
; reference and call nodes are captured as `@request` and told apart by their text, with
; the regex that closes every pattern.
;
; A redirect target holding a request read, or a local or instance variable (tainted in
; Rust by an `@assigned` match of the same method), is captured where it starts the URL:
; alone, `x || root_path`, `x + "?a=1"`, `"/" + x`, "#{x}…", "/#{x}…".
; A value after a path ("/posts/#{x}", post_path(x)) stays on this site, and
; `url_from(params[:x])` (Rails 7) keeps only this host: neither is captured.
; `@redirect` is the whole argument (the reported range), `@target` the read or variable.
;
; Tree-sitter note: an alternation placed directly inside another alternation loses
; branches, so each shape lists its branches flat, with the captures on every branch.

; redirect_to params[:return_to], redirect_to(params[:url], allow_other_host: true),
; redirect params[:next] (Sinatra), r.redirect(params["next"]) (Roda)
(call
  method: (identifier) @_sink
  arguments: (argument_list
    .
    [
      (element_reference) @request @target
      (call) @request @target
      (identifier) @target
      (instance_variable) @target
      ; X || root_path, X + "?welcome=1"
      (binary left: [(element_reference) @request (call) @request (identifier) (instance_variable)] @target)
      ; "/" + X
      (binary
        left: (string) @_prefix
        operator: "+"
        right: [(element_reference) @request (call) @request (identifier) (instance_variable)] @target)
      ; "#{X}?welcome=1"
      (string . (interpolation [(element_reference) @request (call) @request (identifier) (instance_variable)] @target))
      ; "/#{X}", "https://#{X}/done"
      (string . (string_content) @_prefix . (interpolation [(element_reference) @request (call) @request (identifier) (instance_variable)] @target))
    ] @redirect)
  (#any-of? @_sink "redirect_to" "redirect")
  (#match? @_prefix "^[\"']?(/{1,2}|https?://)?[\"']?$")
  (#match? @request "^(params|request\\.params|request\\.(query|request)_parameters|request\\.GET|request\\.POST)(\\[|\\.(fetch|dig)\\b)"))

; response.headers["Location"] = X, headers["Location"] = X
(assignment
  left: (element_reference (string (string_content) @_name))
  right: [(element_reference) @request (call) @request (identifier) (instance_variable)] @target
  (#match? @_name "^[Ll]ocation$")
  (#match? @request "^(params|request\\.params|request\\.(query|request)_parameters|request\\.GET|request\\.POST)(\\[|\\.(fetch|dig)\\b)"))

; target = params[:return_to], target = params.fetch(:next, root_path),
; @return_to = params[:return_to].presence || root_path
(assignment
  left: [(identifier) (instance_variable)] @assigned
  right: [
    (element_reference) @request
    (call) @request
    (binary left: [(element_reference) @request (call) @request])
  ]
  (#match? @request "^(params|request\\.params|request\\.(query|request)_parameters|request\\.GET|request\\.POST)(\\[|\\.(fetch|dig)\\b)"))

; target ||= params[:return_to]
(operator_assignment
  left: [(identifier) (instance_variable)] @assigned
  right: [(element_reference) @request (call) @request]
  (#match? @request "^(params|request\\.params|request\\.(query|request)_parameters|request\\.GET|request\\.POST)(\\[|\\.(fetch|dig)\\b)"))
