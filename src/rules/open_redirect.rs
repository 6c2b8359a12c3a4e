//! MUFI008 open-redirect: a redirect whose target comes straight from the request,
//! with no check of it in the same function.

use tree_sitter::Node;

use crate::finding::{Finding, Severity};
use crate::language::LanguageId;
use crate::queries::QueryMatchOwned;
use crate::syntax;

use super::{QueryOnly, RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::OpenRedirect,
    code: "MUFI008",
    name: "open-redirect",
    summary: "a redirect whose target comes straight from the request",
    default_severity: Severity::Warning,
    triggers: &["redirect", "location", "httpfound", "seeother", "see_other"],
    // A redirect (`@target`) and a request read, in it or assigned to its variable.
    query_only: Some(QueryOnly {
        clauses: &[&["target"], &["request", "assigned"]],
        captures: &[],
    }),
    doc: "## What it does
Flags a redirect whose target is taken from the request (query string, form body, route
parameters) with no check of it in the same function: Express `res.redirect(req.query.next)`,
Next.js `NextResponse.redirect` of a search parameter, Flask and Django
`redirect(request.args.get(\"next\"))`, Go `http.Redirect(w, r, r.URL.Query().Get(\"next\"), …)`,
PHP `header(\"Location: \" . $_GET[\"url\"])`, Rails `redirect_to params[:return_to]`, Spring
`\"redirect:\" + next` from a `@RequestParam`. A target read into a variable first is followed
within the function.

Not flagged: a function that checks the target before redirecting (a condition or a validating
call that reads it: an allowlist, `startsWith(\"/\")`, `url_has_allowed_host_and_scheme`, a parsed
URL's host compared with yours), and redirects to constants or named routes. A check that only
tests that the value is present (`if (next)`) is not a check.
TypeScript declaration files (`.d.ts`, `.d.mts`, `.d.cts`) are not read: they hold types,
not code that runs.

## Why is this bad?
A link to `https://your-app.example/login?next=https://evil.example` lands your users on a page
the attacker controls, with your domain's trust: the classic way to phish a login or a wallet
approval.

## Example
```js
app.get(\"/login/done\", (req, res) => res.redirect(req.query.next));
```
Use instead:
```js
const next = String(req.query.next ?? \"/\");
res.redirect(next.startsWith(\"/\") && !next.startsWith(\"//\") ? next : \"/\");
```

## Fix
None automatic: what counts as a safe target is your application's decision.
",
};

/// Words that make a condition or a call a check of the target, not a presence test.
const CHECK_WORDS: &[&str] = &[
    "startswith",
    "starts_with",
    "start_with",
    "hasprefix",
    "strpos",
    "includes",
    "indexof",
    "contains",
    "match",
    "test(",
    "host",
    "origin",
    "safe",
    "valid",
    "allow",
    "whitelist",
    "trusted",
    "relative",
    "in_array",
    "domain",
    "permitted",
    "known",
    "sanitiz",
    "is_local",
    "islocal",
    "local_url",
    "localurl",
    "netloc",
    "scheme",
    "isabs",
    "is_absolute",
    "absolute",
    "pathname",
];

pub fn check(cx: &mut RuleContext) {
    let Some(tree) = cx.tree else {
        return;
    };
    let root = tree.root_node();
    // The whole file, even on the editor's scoped runs: a variable a redirect uses can
    // be read from the request outside the changed code (an enclosing handler).
    // Findings outside the scope are dropped by the caller. `check` narrows it to the
    // top-level declarations that can hold a redirect.
    let matches = cx.matches();
    let sources: Vec<&QueryMatchOwned> = matches
        .iter()
        .filter(|m| m.get("assigned").is_some())
        .collect();
    for m in &matches {
        let Some(target) = m.get("target") else {
            continue;
        };
        let report = m.get("redirect").unwrap_or(target);
        let scope = judging_scope(root, target, cx.language.id == LanguageId::Ruby);
        let target_text = cx.text_of(target).trim();
        // The request read the target comes from: inside the target itself, or the
        // value of a variable of that name assigned earlier in the same handler (an
        // enclosing one, for a redirect in a callback).
        let read = match m.get("request") {
            Some(request) => Some(cx.text_of(request).trim()),
            None => sources
                .iter()
                .rev()
                .find(|s| {
                    s.get("assigned").is_some_and(|a| {
                        cx.text_of(a) == target_text
                            && a.start_byte() < target.start_byte()
                            && scope.start_byte() <= a.start_byte()
                            && a.end_byte() <= scope.end_byte()
                    })
                })
                .map(|s| {
                    s.get("request")
                        .map_or(target_text, |r| cx.text_of(r).trim())
                }),
        };
        let Some(read) = read else {
            continue;
        };
        let name = if m.get("request").is_some() {
            ""
        } else {
            target_text
        };
        if is_checked(cx, scope, read, name) {
            continue;
        }
        let what = if name.is_empty() || read == target_text {
            format!("`{}`", short(read))
        } else {
            format!("`{}` (from `{}`)", short(target_text), short(read))
        };
        cx.push(Finding::new(
            RuleId::OpenRedirect,
            report.byte_range(),
            format!(
                "This redirect sends users to {what}, taken from the request without a check: anyone can craft a link to your site that lands on theirs. Allow only relative paths or known hosts before redirecting."
            ),
        ));
    }
}

fn short(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    if first.chars().count() > 50 || first.len() < text.len() {
        let cut: String = first.chars().take(50).collect();
        format!("{cut}…")
    } else {
        first.to_string()
    }
}

/// The handler a redirect is judged in: the innermost function around `node`, widened
/// through anonymous callbacks (`(req, res) => { … passport(…, () => res.redirect(x)) }`,
/// Ruby blocks) to the first named function or the outermost callback; the whole file
/// for top-level code (PHP scripts).
fn judging_scope<'t>(root: Node<'t>, node: Node<'t>, ruby: bool) -> Node<'t> {
    // Ruby's `{ |x| … }` is a `block`; in other grammars a `block` is a statement list.
    let anonymous = |kind: &str| is_anonymous_function(kind) || (ruby && kind == "block");
    let functions: Vec<Node<'t>> = syntax::ancestors(root, node)
        .into_iter()
        .filter(|n| is_named_function(n.kind()) || anonymous(n.kind()))
        .collect();
    let Some(mut scope) = functions.last().copied() else {
        return root;
    };
    for outer in functions.iter().rev().skip(1) {
        if is_named_function(scope.kind()) {
            break;
        }
        scope = *outer;
    }
    scope
}

fn is_named_function(kind: &str) -> bool {
    syntax::is_function_kind(kind) && !is_anonymous_function(kind)
}

fn is_anonymous_function(kind: &str) -> bool {
    matches!(
        kind,
        "arrow_function"
            | "function_expression"
            | "lambda"
            | "lambda_expression"
            | "lambda_literal"
            | "func_literal"
            | "closure_expression"
            | "anonymous_function"
            | "anonymous_function_creation_expression"
            | "arrow_function_expression"
            | "function_literal"
            // Ruby: `get "/x" do … end`, `respond_to do |format| … end`.
            | "do_block"
    )
}

/// Whether `scope` checks the target before using it: a condition, or a validating
/// call, that reads `read` (the request expression), `name` (the variable holding it) or
/// a variable derived from it (`u, err := url.Parse(next)`), and does more than test
/// that it is there.
fn is_checked(cx: &RuleContext, scope: Node, read: &str, name: &str) -> bool {
    let mut names: Vec<String> = Vec::new();
    if !name.is_empty() {
        names.push(name.to_string());
        names.extend(aliases(cx, scope, name));
    }
    let mentions = |text: &str| {
        names.iter().any(|n| mentions_word(text, n)) || (!read.is_empty() && text.contains(read))
    };
    let mut checked = false;
    walk_near(scope, &mut |node| {
        if let Some(condition) = node.child_by_field_name("condition") {
            let text = cx.text_of(condition);
            checked = mentions(text) && is_check_text(text);
        } else if is_call_kind(node.kind()) {
            // A call counts when its own name is the check: `isSafe(next)`, not
            // `res.redirect(next)` with `safe` somewhere in its arguments.
            let callee = node
                .child_by_field_name("function")
                .or_else(|| node.child_by_field_name("name"))
                .or_else(|| node.child_by_field_name("method"));
            checked = callee.is_some_and(|c| is_check_text(callee_tail(cx.text_of(c))))
                && mentions(cx.text_of(node));
        }
        !checked
    });
    checked
}

/// How far below the judging scope `is_checked` and `aliases` look. Real handlers nest
/// a few dozen levels; generated text can nest calls hundreds of thousands deep, where
/// reading every level's text would grow with the square of the depth.
const MAX_DEPTH_BELOW_SCOPE: usize = 256;

/// Calls `visit` on `scope` and its named descendants down to `MAX_DEPTH_BELOW_SCOPE`
/// levels below it, until `visit` returns `false`.
fn walk_near<'t>(scope: Node<'t>, visit: &mut dyn FnMut(Node<'t>) -> bool) {
    let mut stack = vec![(scope, 0)];
    while let Some((node, depth)) = stack.pop() {
        if !visit(node) {
            return;
        }
        if depth < MAX_DEPTH_BELOW_SCOPE {
            let mut cursor = node.walk();
            stack.extend(node.named_children(&mut cursor).map(|c| (c, depth + 1)));
        }
    }
}

/// The end of a callee, where its name is: `isSafe`, `allowed.includes`,
/// `getValidator(config)`. A callee longer than this is itself a long expression
/// (`f()()()…`, a chain of calls with callbacks), whose whole text would otherwise be
/// read again at every level of it.
fn callee_tail(callee: &str) -> &str {
    const NAME_BYTES: usize = 256;
    let mut start = callee.len().saturating_sub(NAME_BYTES);
    while !callee.is_char_boundary(start) {
        start += 1;
    }
    &callee[start..]
}

/// Whether a condition (or a callee) does more than test presence.
fn is_check_text(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    CHECK_WORDS.iter().any(|w| lower.contains(w))
        // Membership in a literal set or list: Python/Kotlin `in`, `not in`, `!in`.
        || lower.contains(" in ")
        || lower.contains(" !in ")
}

/// Variables assigned from an expression that reads `name`, in `scope`: one level
/// (`u = urlparse(next)`, `const url = new URL(next, base)`, `u, err := url.Parse(next)`).
fn aliases(cx: &RuleContext, scope: Node, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    walk_near(scope, &mut |node| {
        let pair = match (
            node.child_by_field_name("left")
                .or_else(|| node.child_by_field_name("name")),
            node.child_by_field_name("right")
                .or_else(|| node.child_by_field_name("value")),
        ) {
            (Some(left), Some(right)) => Some((left, right)),
            _ => None,
        };
        if let Some((left, right)) = pair {
            if mentions_word(cx.text_of(right), name) {
                for part in cx
                    .text_of(left)
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                {
                    if !part.is_empty() && part != name && part != "err" && part != "_" {
                        out.push(part.to_string());
                    }
                }
            }
        }
        true
    });
    out
}

fn is_call_kind(kind: &str) -> bool {
    matches!(
        kind,
        "call_expression"
            | "call"
            | "method_invocation"
            | "invocation_expression"
            | "function_call_expression"
            | "member_call_expression"
            | "scoped_call_expression"
    )
}

/// `word` occurs in `text` with no identifier character on either side.
fn mentions_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

#[cfg(test)]
mod tests {
    use super::{callee_tail, mentions_word, walk_near, MAX_DEPTH_BELOW_SCOPE};
    use crate::language::{Language, LanguageId};

    /// `f()()()…` in Python is a tree as deep as the chain is long. Every level below
    /// the limit is read, and none past it.
    #[test]
    fn the_search_for_a_check_stops_at_a_depth() {
        let levels = 3 * MAX_DEPTH_BELOW_SCOPE;
        let text = format!("f{}\n", "()".repeat(levels));
        let tree = crate::engine::parse(Language::get(LanguageId::Python), &text).unwrap();
        let root = tree.root_node();
        let mut calls = 0;
        let mut deepest = 0;
        walk_near(root, &mut |node| {
            if node.kind() == "call" {
                calls += 1;
                let mut depth = 0;
                let mut up = node;
                while let Some(parent) = up.parent() {
                    depth += 1;
                    up = parent;
                }
                deepest = deepest.max(depth);
            }
            true
        });
        // module > expression_statement > call > call (function) > …
        assert_eq!(deepest, MAX_DEPTH_BELOW_SCOPE, "{calls} calls read");
        assert!(
            calls > MAX_DEPTH_BELOW_SCOPE / 2 && calls < levels,
            "{calls}"
        );
    }

    #[test]
    fn a_callee_is_read_from_its_end() {
        assert_eq!(callee_tail("getValidator(config)"), "getValidator(config)");
        let chain = format!("f{}.isSafe", "()".repeat(1000));
        assert_eq!(callee_tail(&chain).len(), 256);
        assert!(callee_tail(&chain).ends_with(").isSafe"));
        // Never splits a character.
        let wide = format!("{}isSafe", "é".repeat(200));
        assert!(callee_tail(&wide).len() <= 256 && callee_tail(&wide).ends_with("isSafe"));
    }

    #[test]
    fn a_mention_is_a_whole_identifier() {
        assert!(mentions_word("isSafe(next)", "next"));
        assert!(!mentions_word("nextUrl.length", "next"));
        assert!(mentions_word("$url !== ''", "$url"));
    }
}
