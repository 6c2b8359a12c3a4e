//! Realistic source for the benches: one block per language the server parses with a
//! grammar, each holding what Mufi rules look at (env key reads, https URLs, fetch
//! calls), repeated to a size; and where a user types in it.
#![allow(dead_code)]

/// One language's bench file: `header`, `block` repeated (`__N__` numbered), `footer`.
pub struct Corpus {
    /// Shown in the bench output.
    pub name: &'static str,
    pub lsp_id: &'static str,
    pub extension: &'static str,
    pub header: &'static str,
    pub block: &'static str,
    pub footer: &'static str,
    /// What the user types, one character per edit.
    pub typed: &'static str,
    /// Where on a line the user types (byte column), or `None` for a line not typed on.
    pub typed_at: fn(&str) -> Option<usize>,
    /// Also measured at 50,000 lines.
    pub large: bool,
}

impl Corpus {
    /// The file at about `lines` lines (whole blocks, at least one).
    pub fn text(&self, lines: usize) -> String {
        let mut text = String::from(self.header);
        let block_lines = self.block.lines().count().max(1);
        let mut count = self.header.lines().count() + self.footer.lines().count();
        let mut n = 0;
        while n == 0 || count + block_lines <= lines {
            text.push_str(&self.block.replace("__N__", &n.to_string()));
            count += block_lines;
            n += 1;
        }
        text.push_str(self.footer);
        text
    }

    pub fn file_name(&self, stem: &str) -> String {
        format!("{stem}.{}", self.extension)
    }
}

/// The end of a line that ends with `suffix` and contains `needle`.
fn end_if(line: &str, needle: &str, suffix: &str) -> Option<usize> {
    let trimmed = line.trim_end();
    (trimmed.contains(needle) && trimmed.ends_with(suffix)).then_some(trimmed.len())
}

/// Just before the closing quote of a line that contains `needle`.
fn before_last_quote(line: &str, needle: &str) -> Option<usize> {
    if !line.contains(needle) {
        return None;
    }
    line.rfind('"')
}

pub const ALL: &[Corpus] = &[
    Corpus {
        name: "javascript",
        lsp_id: "javascript",
        extension: "js",
        header: "import express from \"express\";\n\n",
        block: r##"export async function handler__N__(req, res) {
  const base = process.env.MUFI_BASE_URL ?? "https://api.mufi.app";
  const headers = { Authorization: `Bearer ${process.env.MUFI_API_KEY}` };
  const r = await fetch(`${base}/v1/users/profile`, { method: "POST", headers });
  if (!r.ok) { return res.status(502).json({ error: "mufi failed", id: __N__ }); }
  const body = await r.json(); // ünïcödé 🎉
  return res.json({ wallet: body.wallet, docs: "https://docs.mufi.app/users" });
}

"##,
        footer: "",
        typed: " let zq = 1;",
        typed_at: |l| end_if(l, "const ", ";").filter(|_| !l.contains("//")),
        large: true,
    },
    Corpus {
        name: "typescript",
        lsp_id: "typescript",
        extension: "ts",
        header: "import type { Request, Response } from \"express\";\n\n",
        block: r##"export async function handler__N__(req: Request, res: Response): Promise<Response> {
  const base: string = process.env.MUFI_BASE_URL ?? "https://api.mufi.app";
  const headers: Record<string, string> = { Authorization: `Bearer ${process.env.MUFI_API_KEY}` };
  const r = await fetch(`${base}/v1/users/profile`, { method: "POST", headers });
  if (!r.ok) { return res.status(502).json({ error: "mufi failed", id: __N__ }); }
  const body = (await r.json()) as { wallet: string }; // ünïcödé 🎉
  return res.json({ wallet: body.wallet, docs: "https://docs.mufi.app/users" });
}

"##,
        footer: "",
        typed: " let zq = 1;",
        typed_at: |l| end_if(l, "const ", ";").filter(|_| !l.contains("//")),
        large: true,
    },
    Corpus {
        name: "tsx",
        lsp_id: "typescriptreact",
        extension: "tsx",
        header: "import { Profile } from \"./profile\";\n\n",
        block: r##"export async function ProfilePage__N__({ id }: { id: string }) {
  const base = process.env.MUFI_BASE_URL ?? "https://api.mufi.app";
  const headers = { Authorization: `Bearer ${process.env.MUFI_API_KEY}` };
  const r = await fetch(`${base}/v1/users/profile?id=${id}`, { headers, cache: "no-store" });
  const body = await r.json(); // ünïcödé 🎉
  return (
    <section className="profile">
      <Profile wallet={body.wallet} index={__N__} />
      <a href="https://docs.mufi.app/users">Mufi docs</a>
    </section>
  );
}

"##,
        footer: "",
        typed: " let zq = 1;",
        typed_at: |l| end_if(l, "const ", ";").filter(|_| !l.contains("//")),
        large: false,
    },
    Corpus {
        name: "python",
        lsp_id: "python",
        extension: "py",
        header: "import os\nimport requests\n\n",
        block: r##"def handler___N__(request):
    """Fetch a profile; see https://docs.mufi.app for the API."""
    base = os.environ.get("MUFI_BASE_URL", "https://api.mufi.app")
    headers = {"Authorization": f"Bearer {os.environ['MUFI_API_KEY']}"}
    r = requests.post(f"{base}/v1/users/profile", headers=headers, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("mufi failed: %s" % __N__)  # ünïcödé 🎉
    return {"wallet": r.json()["wallet"]}

"##,
        footer: "",
        typed: "; zq = 1",
        typed_at: |l| end_if(l, " = ", ")"),
        large: false,
    },
    Corpus {
        name: "go",
        lsp_id: "go",
        extension: "go",
        header: "package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\t\"os\"\n)\n\n",
        block: r##"func handler__N__(w http.ResponseWriter, r *http.Request) {
	base := os.Getenv("MUFI_BASE_URL")
	if base == "" {
		base = "https://api.mufi.app"
	}
	req, err := http.NewRequest("POST", base+"/v1/users/profile", nil)
	if err != nil {
		http.Error(w, "mufi failed", http.StatusBadGateway)
		return
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("MUFI_API_KEY"))
	resp, err := http.DefaultClient.Do(req) // ünïcödé 🎉
	if err != nil {
		http.Error(w, fmt.Sprintf("mufi failed: %d", __N__), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	fmt.Fprintf(w, "docs: %s", "https://docs.mufi.app/users")
}

"##,
        footer: "",
        typed: "; zq := 1",
        typed_at: |l| end_if(l, " := ", ")").filter(|_| !l.contains("//")),
        large: true,
    },
    Corpus {
        name: "java",
        lsp_id: "java",
        extension: "java",
        header: "package app;\n\nimport java.net.URI;\nimport java.net.http.*;\n\npublic class Handlers {\n",
        block: r##"    public String handler__N__(HttpClient client) throws Exception {
        String base = System.getenv().getOrDefault("MUFI_BASE_URL", "https://api.mufi.app");
        String key = System.getenv("MUFI_API_KEY");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/users/profile"))
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("mufi failed: " + __N__); // ünïcödé 🎉
        }
        return "https://docs.mufi.app/users";
    }

"##,
        footer: "}\n",
        typed: " int zq = 1;",
        typed_at: |l| end_if(l, "String ", ";"),
        large: true,
    },
    Corpus {
        name: "rust",
        lsp_id: "rust",
        extension: "rs",
        header: "use crate::error::Error;\n\n",
        block: r##"pub async fn handler__N__(client: &reqwest::Client) -> Result<String, Error> {
    let base = std::env::var("MUFI_BASE_URL").unwrap_or_else(|_| "https://api.mufi.app".into());
    let key = std::env::var("MUFI_API_KEY")?;
    let r = client
        .post(format!("{base}/v1/users/profile"))
        .bearer_auth(key)
        .send()
        .await?;
    if !r.status().is_success() {
        return Err(Error::Mufi(__N__)); // ünïcödé 🎉
    }
    Ok("https://docs.mufi.app/users".to_string())
}

"##,
        footer: "",
        typed: " let zq = 1;",
        typed_at: |l| end_if(l, "let ", ";"),
        large: false,
    },
    Corpus {
        name: "kotlin",
        lsp_id: "kotlin",
        extension: "kt",
        header: "package app\n\nimport io.ktor.client.*\nimport io.ktor.client.request.*\n\n",
        block: r##"suspend fun handler__N__(client: HttpClient): String {
    val base = System.getenv("MUFI_BASE_URL") ?: "https://api.mufi.app"
    val key = System.getenv("MUFI_API_KEY")
    val response = client.post("$base/v1/users/profile") {
        header("Authorization", "Bearer $key")
    }
    if (response.status.value != 200) {
        error("mufi failed: __N__") // ünïcödé 🎉
    }
    return "https://docs.mufi.app/users"
}

"##,
        footer: "",
        typed: "; val zq = 1",
        typed_at: |l| end_if(l, "val key", ")"),
        large: false,
    },
    Corpus {
        name: "csharp",
        lsp_id: "csharp",
        extension: "cs",
        header: "using System;\nusing System.Net.Http;\nusing System.Threading.Tasks;\n\nnamespace App;\n\npublic class Handlers\n{\n",
        block: r##"    public async Task<string> Handler__N__(HttpClient client)
    {
        var baseUrl = Environment.GetEnvironmentVariable("MUFI_BASE_URL") ?? "https://api.mufi.app";
        var key = Environment.GetEnvironmentVariable("MUFI_API_KEY");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/v1/users/profile");
        request.Headers.Add("Authorization", $"Bearer {key}");
        var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("mufi failed: __N__"); // ünïcödé 🎉
        }
        return "https://docs.mufi.app/users";
    }

"##,
        footer: "}\n",
        typed: " var zq = 1;",
        typed_at: |l| end_if(l, "var ", ";").filter(|_| !l.contains("using")),
        large: false,
    },
    Corpus {
        name: "ruby",
        lsp_id: "ruby",
        extension: "rb",
        header: "require \"net/http\"\nrequire \"json\"\n\n",
        block: r##"def handler___N__
  base = ENV.fetch("MUFI_BASE_URL", "https://api.mufi.app")
  key = ENV.fetch("MUFI_API_KEY")
  uri = URI("#{base}/v1/users/profile")
  response = Net::HTTP.post(uri, "", "Authorization" => "Bearer #{key}")
  raise "mufi failed: __N__" unless response.is_a?(Net::HTTPSuccess) # ünïcödé 🎉
  { wallet: JSON.parse(response.body)["wallet"], docs: "https://docs.mufi.app/users" }
end

"##,
        footer: "",
        typed: "; zq = 1",
        typed_at: |l| end_if(l, " = ENV", ")"),
        large: false,
    },
    Corpus {
        name: "php",
        lsp_id: "php",
        extension: "php",
        header: "<?php\n\n",
        block: r##"function handler___N__(): array
{
    $base = getenv('MUFI_BASE_URL') ?: 'https://api.mufi.app';
    $key = getenv('MUFI_API_KEY');
    $ch = curl_init($base . '/v1/users/profile');
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ' . $key]);
    curl_setopt($ch, CURLOPT_POST, true);
    $body = curl_exec($ch);
    if ($body === false) {
        throw new RuntimeException('mufi failed: __N__'); // ünïcödé 🎉
    }
    return ['wallet' => json_decode($body, true)['wallet'], 'docs' => 'https://docs.mufi.app/users'];
}

"##,
        footer: "",
        typed: " $zq = 1;",
        typed_at: |l| end_if(l, "$", ";").filter(|_| l.trim_start().starts_with('$')),
        large: false,
    },
    Corpus {
        name: "swift",
        lsp_id: "swift",
        extension: "swift",
        // A server (Vapor): Swift app code would report every key read (MUFI002).
        header: "import Foundation\nimport Vapor\n\n",
        block: r##"func handler__N__(session: URLSession) async throws -> String {
    let base = ProcessInfo.processInfo.environment["MUFI_BASE_URL"] ?? "https://api.mufi.app"
    let key = ProcessInfo.processInfo.environment["MUFI_API_KEY"] ?? ""
    var request = URLRequest(url: URL(string: "\(base)/v1/users/profile")!)
    request.httpMethod = "POST"
    request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
    let (data, response) = try await session.data(for: request)
    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
        throw MufiError.failed(__N__) // ünïcödé 🎉
    }
    return String(decoding: data, as: UTF8.self) + "https://docs.mufi.app/users"
}

"##,
        footer: "",
        typed: "; let zq = 1",
        typed_at: |l| end_if(l, "let ", "\"\""),
        large: false,
    },
    Corpus {
        name: "dart",
        lsp_id: "dart",
        extension: "dart",
        header: "import 'dart:io';\nimport 'package:http/http.dart' as http;\n\n",
        block: r##"Future<String> handler__N__(http.Client client) async {
  final base = Platform.environment['MUFI_BASE_URL'] ?? 'https://api.mufi.app';
  final key = Platform.environment['MUFI_API_KEY'];
  final response = await client.post(
    Uri.parse('$base/v1/users/profile'),
    headers: {'Authorization': 'Bearer $key'},
  );
  if (response.statusCode != 200) {
    throw StateError('mufi failed: __N__'); // ünïcödé 🎉
  }
  return 'https://docs.mufi.app/users';
}

"##,
        footer: "",
        typed: " var zq = 1;",
        typed_at: |l| end_if(l, "final ", "];"),
        large: false,
    },
    Corpus {
        name: "shell",
        lsp_id: "shellscript",
        extension: "sh",
        header: "#!/usr/bin/env bash\nset -euo pipefail\n\n",
        block: r##"handler___N__() {
  base="${MUFI_BASE_URL:-https://api.mufi.app}"
  key="$MUFI_API_KEY"
  curl -fsS -X POST "$base/v1/users/profile" \
    -H "Authorization: Bearer $key" \
    -o "/tmp/profile-__N__.json" || { echo "mufi failed" >&2; return 1; } # ünïcödé 🎉
  echo "docs: https://docs.mufi.app/users"
}

"##,
        footer: "",
        typed: "; zq=1",
        typed_at: |l| end_if(l, "key=", "\""),
        large: false,
    },
    Corpus {
        name: "html",
        lsp_id: "html",
        extension: "html",
        header: "<!doctype html>\n<html>\n<body>\n",
        block: r##"<section id="s__N__">
  <h2>Profile __N__</h2>
  <a href="https://docs.mufi.app/users">Mufi docs</a>
  <script type="module">
    const r = await fetch("/api/profile?section=__N__", { method: "GET" });
    const body = await r.json();
    document.querySelector("#s__N__ h2").textContent = body.name; // ünïcödé 🎉
  </script>
</section>

"##,
        footer: "</body>\n</html>\n",
        typed: " let zq = 1;",
        typed_at: |l| end_if(l, "const ", ";"),
        large: false,
    },
    Corpus {
        name: "vue",
        lsp_id: "vue",
        extension: "vue",
        header: "<script setup>\nimport { ref } from \"vue\";\nconst profile = ref(null);\n\n",
        block: r##"async function loadProfile__N__(id) {
  const r = await fetch(`/api/profile?id=${id}&n=__N__`, { method: "GET" });
  if (!r.ok) { throw new Error("profile failed"); }
  const body = await r.json(); // ünïcödé 🎉
  profile.value = { ...body, docs: "https://docs.mufi.app/users" };
}

"##,
        footer: "</script>\n\n<template>\n  <div class=\"profile\">{{ profile }}</div>\n</template>\n",
        typed: " let zq = 1;",
        typed_at: |l| end_if(l, "const ", ";").filter(|_| !l.contains("//")),
        large: false,
    },
    Corpus {
        name: "svelte",
        lsp_id: "svelte",
        extension: "svelte",
        header: "<script>\n  let profile = null;\n\n",
        block: r##"  async function loadProfile__N__(id) {
    const r = await fetch(`/api/profile?id=${id}&n=__N__`, { method: "GET" });
    if (!r.ok) { throw new Error("profile failed"); }
    const body = await r.json(); // ünïcödé 🎉
    profile = { ...body, docs: "https://docs.mufi.app/users" };
  }

"##,
        footer: "</script>\n\n<div class=\"profile\">{profile?.name}</div>\n",
        typed: " let zq = 1;",
        typed_at: |l| end_if(l, "const ", ";").filter(|_| !l.contains("//")),
        large: false,
    },
    Corpus {
        name: "yaml",
        lsp_id: "yaml",
        extension: "yaml",
        header: "services:\n",
        block: r##"  service-__N__:
    image: "registry.example.com/app:__N__"
    environment:
      MUFI_BASE_URL: "https://api.mufi.app"
      MUFI_API_KEY: "${MUFI_API_KEY}"
      DOCS_URL: "https://docs.mufi.app/users" # ünïcödé 🎉
      NOTE: "verify the cors origin"
    healthcheck:
      test: ["CMD", "curl", "-f", "https://api.mufi.app/v1/version"]
      interval: 30s

"##,
        footer: "",
        typed: "-zq",
        typed_at: |l| before_last_quote(l, "image: "),
        large: false,
    },
    Corpus {
        name: "json",
        lsp_id: "json",
        extension: "json",
        header: "{\n",
        block: r##"  "service__N__": {
    "baseUrl": "https://api.mufi.app",
    "docs": "https://docs.mufi.app/users",
    "keyEnv": "MUFI_API_KEY",
    "endpoint": "/v1/users/profile",
    "note": "ünïcödé 🎉 __N__: verify the origin"
  },
"##,
        footer: "  \"last\": true\n}\n",
        typed: " zq",
        typed_at: |l| before_last_quote(l, "\"note\""),
        large: false,
    },
    Corpus {
        name: "toml",
        lsp_id: "toml",
        extension: "toml",
        header: "title = \"services\"\n\n",
        block: r##"[service___N__]
base_url = "https://api.mufi.app"
docs = "https://docs.mufi.app/users"
key_env = "MUFI_API_KEY"
endpoint = "/v1/users/profile"
note = "ünïcödé 🎉 __N__"

"##,
        footer: "",
        typed: " zq",
        typed_at: |l| before_last_quote(l, "note = "),
        large: false,
    },
];

/// One keystroke: `text` inserted at `offset` (byte), which is `line` and `column`
/// (bytes) and `utf16` (UTF-16 units) in the text before it.
#[derive(Clone, Debug)]
pub struct Keystroke {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub utf16: usize,
    pub text: String,
}

/// `count` keystrokes typing `corpus.typed` on lines spread over `text`, a whole
/// word per line; each keystroke's position is in the text after the ones before.
pub fn keystrokes(corpus: &Corpus, text: &str, count: usize) -> Vec<Keystroke> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let suitable: Vec<usize> = (0..lines.len())
        .filter(|&i| (corpus.typed_at)(&lines[i]).is_some())
        .collect();
    assert!(!suitable.is_empty(), "{}: no line to type on", corpus.name);
    let mut out = Vec::with_capacity(count);
    let mut pick = 0usize;
    // Lines typed on in a row that are no longer suitable: every one of them means the
    // file has too few lines for `count` keystrokes.
    let mut misses = 0;
    while out.len() < count {
        pick = (pick + 7919) % suitable.len();
        let line = suitable[pick];
        let Some(mut column) = (corpus.typed_at)(&lines[line]) else {
            misses += 1;
            assert!(
                misses <= suitable.len(),
                "{}: {} lines are too few for {count} keystrokes",
                corpus.name,
                lines.len()
            );
            continue;
        };
        misses = 0;
        for ch in corpus.typed.chars() {
            if out.len() >= count {
                break;
            }
            let line_start: usize = lines[..line].iter().map(String::len).sum();
            let utf16 = lines[line][..column].encode_utf16().count();
            let text = ch.to_string();
            out.push(Keystroke {
                offset: line_start + column,
                line,
                column,
                utf16,
                text: text.clone(),
            });
            lines[line].insert_str(column, &text);
            column += text.len();
        }
    }
    out
}
