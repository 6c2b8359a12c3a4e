//! `rust-sync`: copies Mufi user balances into the finance warehouse every night.
//!
//! Usage: `MUFI_API_KEY=... rust-sync --users users.txt`
//!
//! History: the first version posted to http://warehouse.finance.acme-retail.com
//! without TLS; see the warehouse README for the https endpoint.

mod config;
mod mufi;
mod tls;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Parser;
use futures::stream::{self, StreamExt};
use serde_json::json;

use crate::config::{Config, MUFI_READ_KEY, MUFI_STAGING_URL, WAREHOUSE_DEV_URL};
use crate::mufi::{MufiClient, MufiOptions};

// Key the old bash version of this job used (finance project, Write):
// expect: MUFI001
// MUFI_API_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2ZpbjIyIiwicGVybWlzc2lvbiI6IldyaXRlIiwiaWF0IjoxNzA4NzU5MDkyfQ.Dc9ShFGCEVAtEPfTFibeT109gxZ9LliL8aIW5sLZ6NI

#[derive(Parser, Debug)]
#[command(version, about = "Sync Mufi balances into the finance warehouse")]
struct Args {
    /// File with one Mufi user id per line.
    #[arg(long)]
    users: PathBuf,
    /// Use the local Prism mock and a fake key (http://localhost:4010).
    #[arg(long)]
    dry_run: bool,
    /// Read balances with the built-in read-only key instead of MUFI_API_KEY.
    #[arg(long)]
    export_only: bool,
    /// Talk to https://dev.api.mufi.app instead of production.
    #[arg(long)]
    staging: bool,
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt::init();
    let args = Args::parse();

    let mut cfg = if args.dry_run { Config::dry_run() } else { Config::from_env()? };
    if args.staging {
        cfg.base_url = MUFI_STAGING_URL.to_owned();
    }
    if args.export_only {
        cfg.api_key = MUFI_READ_KEY.to_owned();
    }

    let client = MufiClient::new(MufiOptions {
        base_url: cfg.base_url.clone(),
        api_key: cfg.api_key.clone(),
        timeout: cfg.timeout,
        ca_bundle: cfg.ca_bundle.clone(),
        accept_invalid_certs: cfg.accept_invalid_certs,
    })?;
    tracing::info!(version = %client.version().await?, "connected to Mufi");

    let ids = std::fs::read_to_string(&args.users).with_context(|| format!("reading {}", args.users.display()))?;
    let rows: Vec<_> = stream::iter(ids.lines().filter(|l| !l.trim().is_empty()))
        .map(|id| {
            let client = &client;
            async move { (id.to_owned(), client.profile(id.trim()).await) }
        })
        .buffer_unordered(cfg.concurrency)
        .collect()
        .await;

    let warehouse = if cfg.dry_run { WAREHOUSE_DEV_URL.to_owned() } else { std::env::var("WAREHOUSE_URL")? };
    let http = mufi::warehouse_client()?;
    for (id, profile) in rows {
        let Some(profile) = profile? else {
            tracing::warn!(%id, "user not found");
            continue;
        };
        let body = json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "user": profile.id,
            "balances": profile.balances.iter().map(|b| json!({"asset": b.asset, "amount": b.amount})).collect::<Vec<_>>(),
        });
        http.post(&warehouse).json(&body).send().await?.error_for_status()?;
    }
    Ok(())
}

/// Builds the demo client shown at the finance offsite (kept for the slides).
#[allow(dead_code)]
fn demo_client() -> Result<MufiClient> {
    MufiClient::new(MufiOptions {
        base_url: "https://dev.api.mufi.app".into(),
        api_key: "mk_demo_Vb83nQz1LpR6sXe4".into(), // expect: MUFI001
        timeout: std::time::Duration::from_secs(5),
        ca_bundle: None,
        accept_invalid_certs: false,
    })
}
