//! The guard in front of tower-lsp-server: it frames stdin itself, answers a malformed
//! message with a JSON-RPC error instead of letting it end the session, repairs lone
//! UTF-16 surrogates, and owns the process exit (0 after `shutdown`, 1 without).

use std::sync::Arc;

use serde_json::{json, Value};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::Mutex;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Messages larger than this are refused (and skipped) rather than buffered.
pub const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// How one framed read ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// Headers were unreadable or the body too large; the bytes were skipped.
    Bad(String),
    Eof,
}

/// Reads one `Content-Length`-framed message.
pub async fn read_frame<R: AsyncBufRead + Unpin>(reader: &mut R) -> std::io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).await?;
        if n == 0 {
            return Ok(Frame::Eof);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Frame::Bad(
            "message without a valid Content-Length header".into(),
        ));
    };
    if length > MAX_MESSAGE {
        let mut limited = reader.take(length as u64);
        tokio::io::copy(&mut limited, &mut tokio::io::sink()).await?;
        return Ok(Frame::Bad(format!(
            "message of {length} bytes is over the limit"
        )));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    Ok(Frame::Body(body))
}

/// Writes one framed message.
pub async fn write_frame<W: AsyncWrite + Unpin>(
    writer: &mut W,
    body: &[u8],
) -> std::io::Result<()> {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    writer.write_all(header.as_bytes()).await?;
    writer.write_all(body).await?;
    writer.flush().await
}

/// Replaces `\uD800`-style escapes that are not half of a valid pair with `\uFFFD`.
pub fn repair_surrogates(body: &str) -> String {
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    let hex_at = |at: usize| -> Option<u16> {
        if at + 6 <= bytes.len() && bytes[at] == b'\\' && bytes[at + 1] == b'u' {
            u16::from_str_radix(body.get(at + 2..at + 6)?, 16).ok()
        } else {
            None
        }
    };
    let mut last = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            // Count the run of backslashes: only an unescaped one starts an escape.
            if let Some(unit) = hex_at(i) {
                let is_high = (0xD800..0xDC00).contains(&unit);
                let is_low = (0xDC00..0xE000).contains(&unit);
                if is_high {
                    if hex_at(i + 6).is_some_and(|n| (0xDC00..0xE000).contains(&n)) {
                        i += 12;
                        continue;
                    }
                    out.push_str(&body[last..i]);
                    out.push_str("\\ufffd");
                    i += 6;
                    last = i;
                    continue;
                }
                if is_low {
                    out.push_str(&body[last..i]);
                    out.push_str("\\ufffd");
                    i += 6;
                    last = i;
                    continue;
                }
                i += 6;
                continue;
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    out.push_str(&body[last.min(body.len())..]);
    out
}

/// The outcome of checking one message body.
#[derive(Debug)]
pub enum Checked {
    /// Forward these bytes; `method` is set for requests and notifications.
    Forward {
        body: Vec<u8>,
        method: Option<String>,
    },
    /// Answer the client with this error and drop the message.
    Reject(Value),
}

fn error(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Checks a body the way the framework's codec would, without its fatal failure mode.
pub fn check_body(raw: &[u8]) -> Checked {
    let text = String::from_utf8_lossy(raw);
    let mut value: Option<Value> = serde_json::from_str(&text).ok();
    let mut body = text.to_string();
    if value.is_none() && body.contains("\\u") {
        let repaired = repair_surrogates(&body);
        value = serde_json::from_str(&repaired).ok();
        body = repaired;
    }
    let Some(value) = value else {
        return Checked::Reject(error(
            Value::Null,
            -32700,
            "Parse error: the message is not valid JSON",
        ));
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let method = value
        .get("method")
        .and_then(Value::as_str)
        .map(String::from);
    let valid = if method.is_some() {
        serde_json::from_value::<Request>(value.clone()).is_ok()
    } else {
        (value.get("result").is_some() || value.get("error").is_some())
            && serde_json::from_value::<Response>(value.clone()).is_ok()
    };
    if !valid {
        return Checked::Reject(error(
            id,
            -32600,
            "Invalid Request: not a JSON-RPC 2.0 message",
        ));
    }
    // Re-serialise only when the text was repaired or lossy; otherwise forward as is.
    let bytes = if body.as_bytes() == raw {
        raw.to_vec()
    } else {
        body.into_bytes()
    };
    Checked::Forward {
        body: bytes,
        method,
    }
}

/// Copies the framework's framed output to the real stdout, one whole message at a time.
pub async fn pump_output<R, W>(from: R, to: Arc<Mutex<W>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(from);
    loop {
        match read_frame(&mut reader).await {
            Ok(Frame::Body(body)) => {
                let mut out = to.lock().await;
                if write_frame(&mut *out, &body).await.is_err() {
                    return;
                }
            }
            Ok(Frame::Bad(reason)) => tracing::error!("internal framing error: {reason}"),
            Ok(Frame::Eof) | Err(_) => return,
        }
    }
}

/// Reads the client's messages, forwards the sound ones to `server_in`, answers the rest.
/// Returns the exit code once `exit` arrives or stdin closes.
pub async fn pump_input<R, S, W>(client_in: R, mut server_in: S, out: Arc<Mutex<W>>) -> u8
where
    R: AsyncRead + Unpin,
    S: AsyncWrite + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(client_in);
    let mut shutdown_seen = false;
    loop {
        let frame = match read_frame(&mut reader).await {
            Ok(frame) => frame,
            Err(e) => {
                tracing::warn!("reading stdin failed: {e}");
                Frame::Eof
            }
        };
        match frame {
            Frame::Eof => return if shutdown_seen { 0 } else { 1 },
            Frame::Bad(reason) => {
                tracing::warn!("dropped a message: {reason}");
                let reply = error(Value::Null, -32700, &format!("Parse error: {reason}"));
                let mut w = out.lock().await;
                let _ = write_frame(&mut *w, reply.to_string().as_bytes()).await;
            }
            Frame::Body(raw) => match check_body(&raw) {
                Checked::Reject(reply) => {
                    tracing::warn!(
                        "answered a malformed message: {}",
                        reply["error"]["message"]
                    );
                    let mut w = out.lock().await;
                    let _ = write_frame(&mut *w, reply.to_string().as_bytes()).await;
                }
                Checked::Forward { body, method } => {
                    match method.as_deref() {
                        Some("shutdown") => shutdown_seen = true,
                        Some("exit") => return if shutdown_seen { 0 } else { 1 },
                        _ => {}
                    }
                    if write_frame(&mut server_in, &body).await.is_err() {
                        return if shutdown_seen { 0 } else { 1 };
                    }
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let body = r#"{"text":"a\ud800b \udc00 ok \ud83d\ude00"}"#;
        let repaired = repair_surrogates(body);
        let v: Value = serde_json::from_str(&repaired).unwrap();
        assert_eq!(v["text"], "a\u{fffd}b \u{fffd} ok 😀");
    }

    #[test]
    fn malformed_bodies_are_rejected_with_errors() {
        match check_body(b"{not json") {
            Checked::Reject(v) => assert_eq!(v["error"]["code"], -32700),
            other => panic!("{other:?}"),
        }
        match check_body(br#"{"jsonrpc":"2.0","id":3,"foo":1}"#) {
            Checked::Reject(v) => {
                assert_eq!(v["error"]["code"], -32600);
                assert_eq!(v["id"], 3);
            }
            other => panic!("{other:?}"),
        }
        match check_body(br#"{"jsonrpc":"2.0","method":"exit"}"#) {
            Checked::Forward { method, .. } => assert_eq!(method.as_deref(), Some("exit")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_in_a_body_is_replaced_not_fatal() {
        let mut body = br#"{"jsonrpc":"2.0","method":"x","params":{"t":"a"#.to_vec();
        body.extend_from_slice(&[0xff, 0xfe]);
        body.extend_from_slice(br#"b"}}"#);
        match check_body(&body) {
            Checked::Forward { body, .. } => {
                let v: Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(v["params"]["t"], "a\u{fffd}\u{fffd}b");
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn frames_are_read_and_garbage_is_skipped() {
        let input =
            b"Content-Length: 2\r\n\r\n{}Content-Type: x\r\n\r\nContent-Length: 3\r\n\r\n[1]";
        let mut reader = BufReader::new(&input[..]);
        assert_eq!(
            read_frame(&mut reader).await.unwrap(),
            Frame::Body(b"{}".to_vec())
        );
        assert!(matches!(
            read_frame(&mut reader).await.unwrap(),
            Frame::Bad(_)
        ));
        assert_eq!(
            read_frame(&mut reader).await.unwrap(),
            Frame::Body(b"[1]".to_vec())
        );
        assert_eq!(read_frame(&mut reader).await.unwrap(), Frame::Eof);
    }
}
