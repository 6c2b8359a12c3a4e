//! MUFI009 least-privilege-key: a key with write permission, in a workspace whose every
//! Mufi call only reads. Needs the workspace's endpoints (`FileContext::workspace`);
//! without them it says nothing.

use crate::finding::{Finding, Severity};
use crate::jwt;

use super::{RuleContext, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::LeastPrivilegeKey,
    code: "MUFI009",
    name: "least-privilege-key",
    summary: "a write key where every Mufi call the workspace makes only reads",
    default_severity: Severity::Info,
    triggers: &["eyj"],
    query_only: None,
    doc: "## What it does
Points at a Mufi key (hardcoded, or configured in a dotenv or config file) whose payload gives
it write permission, when every Mufi endpoint the workspace calls is a read endpoint
(`/v1/users/profile`, `/v1/version`, balances, lists, searches). Endpoints are read from the
string literals of files that mention Mufi. The hint stays silent when the workspace calls no
Mufi endpoint, or any endpoint it cannot tell is a read.

`check` reads the endpoints of the paths it scans; the editor reads them from the workspace
folder when it starts.

## Why is this bad?
A leaked write key lets anyone create users, events and products in your project; a leaked
read key only shows data. Mufi's security guide: use read-only keys where code only queries.

## Example
```sh
# .env of a dashboard that only shows profiles and balances
MUFI_API_KEY=eyJ…   # payload: {\"permission\": \"Write\", …}
```
Use instead: generate a Read key in the dashboard (https://my.mufi.app) for this service.

## Fix
None automatic: the new key comes from the dashboard.
",
};

pub fn check(cx: &mut RuleContext) {
    let Some(workspace) = cx.file.workspace.clone() else {
        return;
    };
    let Some(endpoints) = workspace.read_only_endpoints() else {
        return;
    };
    for token in jwt::find_all(cx.text) {
        if !token.grants_write() {
            continue;
        }
        let shown: Vec<&str> = endpoints.iter().take(3).copied().collect();
        let more = endpoints.len().saturating_sub(shown.len());
        let list = if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        };
        let summary = token.summary(cx.text);
        cx.push(
            Finding::new(
                RuleId::LeastPrivilegeKey,
                token.start..token.end,
                format!(
                    "This key ({}) has Write permission, but every Mufi endpoint this workspace calls only reads ({list}): a Read key would do. Generate one in the dashboard (https://my.mufi.app) and use it here, so a leak cannot change your project.",
                    summary.redacted
                ),
            )
            .with_key(summary),
        );
    }
}
