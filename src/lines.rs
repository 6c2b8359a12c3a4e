//! Line arithmetic the way LSP counts lines: `\n`, `\r\n` and a lone `\r` each end
//! one. Reports, suppressions and fixes use it so a CR-only or CRLF file behaves.

/// Whether the byte at `i` ends a line (a `\r` followed by `\n` does not: the `\n` does).
fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The offset where the line holding `offset` starts.
pub fn line_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    (0..offset)
        .rev()
        .find(|&i| ends_line(bytes, i) || bytes[i] == b'\n')
        .map_or(0, |i| i + 1)
}

/// The offset of the line break ending the line that holds `offset` (or the end).
pub fn line_end(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    (offset.min(bytes.len())..bytes.len())
        .find(|&i| bytes[i] == b'\n' || bytes[i] == b'\r')
        .unwrap_or(bytes.len())
}

/// The offset just after the line break that ends the line holding `offset`.
pub fn next_line_start(text: &str, offset: usize) -> usize {
    let end = line_end(text, offset);
    let bytes = text.as_bytes();
    match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

/// The 0-based line of `offset`.
pub fn line_index(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    (0..offset.min(bytes.len()))
        .filter(|&i| ends_line(bytes, i))
        .count()
}

/// The line break this file uses: its first one, `\n` when it has none.
pub fn line_break(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    match bytes.iter().position(|b| *b == b'\n' || *b == b'\r') {
        Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => "\r\n",
        Some(i) if bytes[i] == b'\r' => "\r",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_break_style_counts() {
        for (text, b) in [
            ("a\nbc\nd", "\n"),
            ("a\r\nbc\r\nd", "\r\n"),
            ("a\rbc\rd", "\r"),
        ] {
            let c = text.find('c').unwrap();
            assert_eq!(line_index(text, c), 1, "{text:?}");
            assert_eq!(&text[line_start(text, c)..line_end(text, c)], "bc");
            assert_eq!(&text[next_line_start(text, c)..], "d");
            assert_eq!(line_break(text), b);
        }
        assert_eq!(line_break("no breaks"), "\n");
        assert_eq!(line_start("x", 0), 0);
    }
}
