//! Configuration for the nightly balance sync.
//!
//! Values come from the environment (see `.env.example`). The Mufi API lives at
//! <https://api.mufi.app>, staging at <https://dev.api.mufi.app>. Do not point
//! `MUFI_BASE_URL` at http://api.mufi.app: it redirects and drops the bearer header.

use std::env;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context, Result};

pub const MUFI_BASE_URL: &str = "https://api.mufi.app";
pub const MUFI_STAGING_URL: &str = "https://dev.api.mufi.app";
/// Prism mock from `docker-compose.dev.yml`.
pub const MUFI_MOCK_URL: &str = "http://localhost:4010";
/// Old base URL, still accepted by `--legacy` for the v0 status endpoint.
pub const LEGACY_MUFI_URL: &str = "http://api.mufi.app"; // expect: MUFI003
pub const WAREHOUSE_URL: &str = "http://warehouse.finance.acme-retail.com/ingest"; // expect: MUFI003
pub const WAREHOUSE_DEV_URL: &str = "http://warehouse.localhost:8081/ingest";
pub const USER_AGENT: &str = concat!("acme-rust-sync/", env!("CARGO_PKG_VERSION"));

/// Read-only key of the finance project, for the `--export-only` mode.
pub const MUFI_READ_KEY: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2ZpbjIyIiwicGVybWlzc2lvbiI6IlJlYWQiLCJpYXQiOjE3MTc2MTM4MTF9.y1MsbCiayvOdZxd2yrxCi1Yxhk9ZMF_xWQFacbCnP4w"; // expect: MUFI001

/// Used by unit tests and `--dry-run`; never sent anywhere.
pub const FAKE_MUFI_KEY: &str = "fake-mufi-key-for-dry-run";

/// Placeholder shipped in `.env.example`.
pub const EXAMPLE_MUFI_KEY: &str = "YOUR_API_KEY";

#[derive(Debug, Clone)]
pub struct Config {
    pub base_url: String,
    pub api_key: String,
    pub timeout: Duration,
    pub ca_bundle: Option<PathBuf>,
    /// Only for mitmproxy sessions; refused when `APP_ENV=production`.
    pub accept_invalid_certs: bool,
    pub concurrency: usize,
    pub dry_run: bool,
}

impl Config {
    pub fn from_env() -> Result<Self> {
        let api_key = env::var("MUFI_API_KEY")
            // the dashboard's Vite build reads the same .env on developer machines
            .or_else(|_| env::var("VITE_MUFI_API_KEY")) // expect: MUFI002
            .context("MUFI_API_KEY is not set; create a key at https://my.mufi.app")?;
        if api_key == EXAMPLE_MUFI_KEY || api_key.starts_with("xxxx") {
            bail!("MUFI_API_KEY still holds the placeholder from .env.example");
        }

        let base_url = env::var("MUFI_BASE_URL").unwrap_or_else(|_| MUFI_BASE_URL.to_owned());
        if base_url.starts_with("http://") && !base_url.starts_with("http://localhost") {
            bail!("MUFI_BASE_URL must use https: {base_url}");
        }

        let accept_invalid_certs = env::var("MUFI_ACCEPT_INVALID_CERTS").as_deref() == Ok("1");
        if accept_invalid_certs && env::var("APP_ENV").as_deref() == Ok("production") {
            bail!("MUFI_ACCEPT_INVALID_CERTS is not allowed in production");
        }

        Ok(Self {
            base_url,
            api_key,
            timeout: Duration::from_secs(parse_or("MUFI_TIMEOUT_SECS", 10)?),
            ca_bundle: env::var_os("MUFI_CA_BUNDLE").map(PathBuf::from),
            accept_invalid_certs,
            concurrency: parse_or("SYNC_CONCURRENCY", 8)? as usize,
            dry_run: false,
        })
    }

    /// A configuration for `--dry-run`: talks to the local mock with a fake key.
    pub fn dry_run() -> Self {
        Self {
            base_url: MUFI_MOCK_URL.to_owned(),
            api_key: FAKE_MUFI_KEY.to_owned(),
            timeout: Duration::from_secs(2),
            ca_bundle: None,
            accept_invalid_certs: false,
            concurrency: 1,
            dry_run: true,
        }
    }
}

fn parse_or(name: &str, default: u64) -> Result<u64> {
    match env::var(name) {
        Ok(v) => v.parse().with_context(|| format!("{name} must be a number")),
        Err(_) => Ok(default),
    }
}
