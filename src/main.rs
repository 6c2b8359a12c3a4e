//! The `mufi-lsp` binary: a language server on stdio by default, `check` for CI,
//! `rules` and `explain` for the rule reference.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mufi_lsp::cli::{self, CheckOptions, Format};
use mufi_lsp::config_file::ConfigFiles;
use mufi_lsp::finding::Severity;
use mufi_lsp::history::command::HistoryOptions;
use mufi_lsp::history::Range;
use mufi_lsp::rules::{RuleId, ALL};
use mufi_lsp::selection::{parse_severity, FindingFilter};

#[derive(Parser)]
#[command(
    name = "mufi-lsp",
    version,
    about = "Stops Mufi API security mistakes while they are typed"
)]
struct Args {
    /// Serve the Language Server Protocol on stdin/stdout (the default).
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check files and folders; exit 1 when an error or warning is found, 2 on errors.
    Check {
        /// Files or folders to check.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Apply the fixes that are safe to apply without review.
        #[arg(long)]
        fix: bool,
        /// Never colour the text report.
        #[arg(long)]
        no_color: bool,
        /// Report only these rules (codes or names, comma-separated, repeatable).
        #[arg(long, value_name = "RULES")]
        select: Vec<String>,
        /// Never report these rules (codes or names, comma-separated, repeatable).
        #[arg(long, value_name = "RULES")]
        ignore: Vec<String>,
        /// Report only findings at this severity or above: error, warning, info or hint.
        /// Findings below it do not change the exit code either.
        #[arg(long, value_name = "LEVEL", value_parser = parse_severity, default_value = "hint")]
        severity: Severity,
        /// Read the file's text from stdin and check it as the file at PATH (its language,
        /// project and git state come from PATH). With --fix, print the fixed text to
        /// stdout and the report to stderr; nothing is written.
        #[arg(long, value_name = "PATH", conflicts_with = "paths")]
        stdin_filename: Option<PathBuf>,
        /// Analyse without the fast path (every trigger counts, queries run over whole
        /// files): slower, and meant to find exactly the same. For checking that it does.
        #[arg(long, hide = true)]
        thorough: bool,
        /// Report every Mufi key that ever reached a commit of the repository holding PATH,
        /// instead of checking files: each key once, by fingerprint, with the commit, date
        /// and path where it first appeared and whether HEAD still holds it. Exit 1 when a
        /// key is found that --baseline does not list.
        #[arg(long, conflicts_with_all = ["fix", "stdin_filename"])]
        history: bool,
        /// With --history: only commits reachable from HEAD but not from REV (REV..HEAD).
        #[arg(long, value_name = "REV", requires = "history", conflicts_with = "all")]
        since: Option<String>,
        /// With --history: commits reachable from any branch, tag or other ref, not only HEAD.
        #[arg(long, requires = "history")]
        all: bool,
        /// With --history: a file of fingerprints of keys already regenerated (one per line,
        /// see docs/history.md); those keys do not fail the check. It holds no keys.
        #[arg(long, value_name = "FILE", requires = "history")]
        baseline: Option<PathBuf>,
        /// With --history: write the fingerprints of every key found to FILE, as a baseline.
        #[arg(long, value_name = "FILE", requires = "history")]
        write_baseline: Option<PathBuf>,
    },
    /// List the rules.
    Rules {
        /// Print the full reference as Markdown (docs/rules.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Print one rule's documentation, by code or name.
    Explain { rule: String },
    /// Say how a file is read: its language, embedded code, project, and whether it
    /// ships to users (and why).
    ExplainFile { path: PathBuf },
    /// Serve LSP on stdio (same as no command).
    Serve,
}

fn init_logging() {
    // stdout is the protocol: logs go to stderr only.
    let mut filter = tracing_subscriber::EnvFilter::try_from_env("MUFI_LSP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // The framework's codec traces every message whole, and messages carry the user's
    // files, keys included: no log level prints them.
    if let Ok(quiet_codec) = "tower_lsp_server::codec=debug".parse() {
        filter = filter.add_directive(quiet_codec);
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// `check --history`: exit 1 when a key not in the baseline is found, 2 on errors.
fn check_history(options: HistoryOptions) -> ExitCode {
    match mufi_lsp::history::command::run(&options) {
        Ok(outcome) => {
            let mut report = outcome.output.into_bytes();
            if options.format == Format::Json || options.format == Format::Sarif {
                report.push(b'\n');
            }
            let _ = std::io::stdout().lock().write_all(&report);
            ExitCode::from(u8::from(outcome.new_keys > 0))
        }
        Err(e) => {
            eprintln!("mufi-lsp: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    init_logging();
    // Rust's own panic message quotes the text a bad slice was taken of, which can hold
    // a key: print it redacted.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("{}", mufi_lsp::jwt::redact_runs(&info.to_string()));
    }));
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let _ = args.stdio;
    match args.command {
        None | Some(Command::Serve) => ExitCode::from(mufi_lsp::server::run_stdio()),
        Some(Command::Check {
            paths,
            format,
            fix,
            thorough,
            no_color,
            select,
            ignore,
            severity,
            stdin_filename,
            history,
            since,
            all,
            baseline,
            write_baseline,
        }) => {
            if history {
                if paths.len() > 1 {
                    eprintln!("mufi-lsp: check --history reads one repository: give one PATH");
                    return ExitCode::from(2);
                }
                let range = match (since, all) {
                    (Some(rev), _) => Range::Since(rev),
                    (None, true) => Range::All,
                    (None, false) => Range::Head,
                };
                return check_history(HistoryOptions {
                    path: paths.into_iter().next().unwrap_or_else(|| ".".into()),
                    range,
                    format,
                    baseline,
                    write_baseline,
                });
            }
            let filter = match FindingFilter::new(&select, &ignore, severity) {
                Ok(filter) => filter,
                Err(e) => {
                    eprintln!("mufi-lsp: {e}");
                    return ExitCode::from(2);
                }
            };
            // The report goes to stderr when stdout carries the fixed text.
            let report_to_stdout = !(fix && stdin_filename.is_some());
            let color = !no_color
                && format == Format::Text
                && if report_to_stdout {
                    std::io::stdout().is_terminal()
                } else {
                    std::io::stderr().is_terminal()
                }
                && std::env::var_os("NO_COLOR").is_none();
            let options = CheckOptions {
                paths,
                format,
                fix,
                color,
                filter,
                thorough,
            };
            let result = match &stdin_filename {
                Some(path) => {
                    let mut input = Vec::new();
                    match std::io::stdin().read_to_end(&mut input) {
                        Ok(_) => {
                            // The text is checked as the file at `path`: with that
                            // file's config file, and it must be usable.
                            let configs = ConfigFiles::default();
                            let config = configs.config_for(Some(path));
                            match configs.errors().first() {
                                Some(e) => Err(anyhow::anyhow!("{e}")),
                                None => {
                                    let checked =
                                        mufi_lsp::stdin::check(path, input, &options, &config);
                                    Ok((checked.outcome, checked.fixed_text))
                                }
                            }
                        }
                        Err(e) => Err(anyhow::anyhow!("reading standard input: {e}")),
                    }
                }
                None => cli::run_check(&options, &mufi_lsp::settings::Settings::default())
                    .map(|o| (o, None)),
            };
            match result {
                Ok((outcome, fixed_text)) => {
                    let mut report = outcome.output.into_bytes();
                    if format == Format::Json || format == Format::Sarif {
                        report.push(b'\n');
                    }
                    if let Some(text) = fixed_text {
                        let _ = std::io::stdout().lock().write_all(&text);
                        let _ = std::io::stderr().lock().write_all(&report);
                    } else {
                        let _ = std::io::stdout().lock().write_all(&report);
                    }
                    if fix {
                        eprintln!("mufi-lsp: applied {} fixes", outcome.fixed);
                    }
                    for problem in &outcome.problems {
                        eprintln!("mufi-lsp: {problem}");
                    }
                    if !outcome.problems.is_empty() {
                        // Some files went unchecked or unfixed: not a pass, whatever
                        // the others hold.
                        ExitCode::from(2)
                    } else if outcome.failing > 0 {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => {
                    eprintln!("mufi-lsp: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Rules { markdown }) => {
            if markdown {
                print!("{}", mufi_lsp::rules::reference_markdown());
            } else {
                for rule in ALL {
                    let m = rule.meta();
                    println!(
                        "{}  {:<28} {:<8} {}",
                        m.code,
                        m.name,
                        m.default_severity.as_str(),
                        m.summary
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Some(Command::ExplainFile { path }) => {
            match mufi_lsp::cli::explain_file(
                &path,
                &mufi_lsp::project::ProjectModel::new(),
                &mufi_lsp::config_file::ConfigFiles::default().config_for(Some(&path)),
            ) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("mufi-lsp: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Explain { rule }) => match rule.parse::<RuleId>() {
            Ok(rule) => {
                let m = rule.meta();
                println!("# {} {}\n\n{}", m.code, m.name, m.doc);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("mufi-lsp: {e}");
                ExitCode::from(2)
            }
        },
    }
}
