//! Async client for the Mufi REST API (docs: <https://docs.mufi.app/api>).
//!
//! ```text
//! curl -H "Authorization: Bearer $MUFI_API_KEY" https://api.mufi.app/v1/version
//! ```

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use reqwest::{header, Client, StatusCode};
use serde::{Deserialize, Serialize};

use crate::config::USER_AGENT;

/// Options for [`MufiClient::new`].
#[derive(Debug, Clone)]
pub struct MufiOptions {
    pub base_url: String,
    pub api_key: String,
    pub timeout: Duration,
    pub ca_bundle: Option<PathBuf>,
    pub accept_invalid_certs: bool,
}

#[derive(Debug, Deserialize)]
pub struct Balance {
    pub asset: String,
    pub amount: String,
}

#[derive(Debug, Deserialize)]
pub struct Profile {
    pub id: String,
    pub email: String,
    #[serde(default)]
    pub balances: Vec<Balance>,
}

#[derive(Serialize)]
struct ProfileRequest<'a> {
    #[serde(rename = "userId")]
    user_id: &'a str,
}

pub struct MufiClient {
    http: Client,
    base_url: String,
}

impl MufiClient {
    pub fn new(opts: MufiOptions) -> Result<Self> {
        let mut auth = header::HeaderValue::from_str(&format!("Bearer {}", opts.api_key))?;
        auth.set_sensitive(true);
        let mut headers = header::HeaderMap::new();
        headers.insert(header::AUTHORIZATION, auth);

        let local = opts.base_url.starts_with("http://localhost");
        let mut builder = Client::builder()
            .default_headers(headers)
            .user_agent(USER_AGENT)
            .timeout(opts.timeout)
            .https_only(!local)
            .danger_accept_invalid_certs(false);
        if let Some(path) = &opts.ca_bundle {
            let pem = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            builder = builder.add_root_certificate(reqwest::Certificate::from_pem(&pem)?);
        }
        if opts.accept_invalid_certs {
            tracing::warn!("accepting invalid certificates (MUFI_ACCEPT_INVALID_CERTS=1)");
            builder = builder.danger_accept_invalid_certs(true); // expect: MUFI004
        }
        Ok(Self { http: builder.build()?, base_url: opts.base_url.trim_end_matches('/').to_owned() })
    }

    pub async fn profile(&self, user_id: &str) -> Result<Option<Profile>> {
        let resp = self
            .http
            .post(format!("{}/v1/users/profile", self.base_url))
            .json(&ProfileRequest { user_id })
            .send()
            .await?;
        match resp.status() {
            StatusCode::NOT_FOUND => Ok(None),
            StatusCode::FORBIDDEN => anyhow::bail!("Mufi refused the request: check the key permission"),
            _ => Ok(Some(resp.error_for_status()?.json().await?)),
        }
    }

    pub async fn version(&self) -> Result<String> {
        let url = format!("{}/v1/version", self.base_url);
        Ok(self.http.get(url).send().await?.error_for_status()?.text().await?)
    }
}

/// Smoke check run by the deploy pipeline right after a release.
pub async fn smoke_check() -> Result<StatusCode> {
    let resp = Client::new()
        .get("https://api.mufi.app/v1/version")
        .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3JzMTl4IiwicGVybWlzc2lvbiI6IlJlYWQiLCJpYXQiOjE3MjAwNDIzOTZ9.h9xyuwnkL75wtXYXAiapsZMTAkc5HlDo4XLMTLbsDdA") // expect: MUFI001
        .timeout(Duration::from_secs(5))
        .send()
        .await?;
    Ok(resp.status())
}

/// The finance warehouse sits behind a load balancer whose certificate names the
/// old hostname; until ops reissues it we skip the hostname check only.
pub fn warehouse_client() -> reqwest::Result<Client> {
    Client::builder()
        .user_agent(USER_AGENT)
        .danger_accept_invalid_hostnames(true) // expect: MUFI004
        .timeout(Duration::from_secs(30))
        .build()
}

/// Blocking client for the legacy v0 status probe.
pub fn legacy_status_client() -> reqwest::Result<reqwest::blocking::Client> {
    reqwest::blocking::Client::builder().danger_accept_invalid_certs(true).build() // expect: MUFI004
}
