//! mufi-lsp: a language server and CI checker that stops Mufi API security mistakes.
//! One pure engine (`engine::analyze`) serves two faces: `server` (LSP) and `cli` (check).

pub mod budget;
pub mod cli;
pub mod config;
pub mod config_file;
pub mod document;
pub mod dotenv;
pub mod endpoints;
pub mod engine;
pub mod finding;
pub mod git;
pub mod history;
pub mod incremental;
pub mod jwt;
pub mod language;
pub mod layers;
pub mod lines;
pub mod project;
pub mod queries;
pub mod report;
pub mod rules;
pub mod selection;
pub mod server;
pub mod settings;
pub mod stdin;
pub mod subtrees;
pub mod suppress;
pub mod syntax;
pub mod units;
