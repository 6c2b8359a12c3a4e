//! The LSP face: tower-lsp-server behind our own framing guard. Handlers stay thin;
//! documents live in `state`, analysis runs on a worker, conversions in `convert`.

mod backend;
mod convert;
mod file_edits;
// Public for the fuzz targets and property tests, which drive the same framing guard
// and the same analysis of an open document (`state::analyze`) as the server.
pub mod framing;
mod history;
pub(crate) mod memory;
mod scan;
pub mod state;

use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::Mutex;
use tower_lsp_server::{LspService, Server};

pub use backend::Backend;

/// Serves LSP on the given streams until `exit` or end of input; returns the exit code.
pub async fn serve<I, O>(input: I, output: O) -> u8
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = LspService::build(Backend::new)
        // Not among tower-lsp-server's handlers yet: the user's click on the scan's
        // progress bar.
        .custom_method(
            "window/workDoneProgress/cancel",
            Backend::work_done_progress_cancel,
        )
        .finish();
    let (guard_to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, server_to_guard) = tokio::io::duplex(1 << 20);
    let output = Arc::new(Mutex::new(output));
    let mut server = tokio::spawn(Server::new(server_in, server_out, socket).serve(service));
    let mut pump = tokio::spawn(framing::pump_output(server_to_guard, output.clone()));
    let code = framing::pump_input(input, guard_to_server, output.clone()).await;
    // The server's input is closed now: give it and the output pump a moment to
    // finish what they were writing, then stop them at a message boundary (holding
    // the output lock, no frame can be half-written).
    let grace = std::time::Duration::from_millis(250);
    let _ = tokio::time::timeout(grace, &mut server).await;
    let _ = tokio::time::timeout(grace, &mut pump).await;
    let boundary = output.lock().await;
    server.abort();
    pump.abort();
    drop(boundary);
    code
}

/// Runs the server on stdin/stdout and returns the process exit code.
pub fn run_stdio() -> u8 {
    memory::share_one_arena();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mufi-lsp: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // stdin is read by a blocking thread that may never return; do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    code
}
