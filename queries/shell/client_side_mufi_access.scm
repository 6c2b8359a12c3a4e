; MUFI002 client-side-mufi-access, shell (and Dockerfiles, read as shell). Shell never
; ships to browsers, but a Mufi key under a public prefix (NEXT_PUBLIC_, VITE_,
; REACT_APP_, …) defined or passed here is inlined into the front end's bundle by the
; build that reads it: flagged everywhere. Rust judges the names.

; $NEXT_PUBLIC_MUFI_API_KEY, "${VITE_MUFI_KEY}", ${REACT_APP_MUFI_TOKEN:-…}
(simple_expansion (variable_name) @var) @read
(expansion (variable_name) @var) @read

; export NEXT_PUBLIC_MUFI_API_KEY=…, VITE_MUFI_KEY=… npm run build, ENV/ARG NAME=…
(variable_assignment name: (variable_name) @var) @read

; export NEXT_PUBLIC_MUFI_API_KEY (exports a variable set earlier)
(declaration_command (variable_name) @var @read)

; Dockerfile `ARG NEXT_PUBLIC_MUFI_API_KEY` without a default: read as a bare word
(command name: (command_name (word)) @var @read .)

; docker build --build-arg "NEXT_PUBLIC_MUFI_API_KEY=…", echo "VITE_MUFI_KEY=…" >> .env,
; unquoted: -e VITE_MUFI_KEY=abc (a word), --build-arg NEXT_PUBLIC_MUFI_API_KEY=$KEY
; (a concatenation of a word and an expansion)
(command argument: [(string) (raw_string) (word) (concatenation)] @entry)
