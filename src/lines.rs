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
    let mut end = offset.min(bytes.len());
    while let Some(i) = bytes[..end]
        .iter()
        .rposition(|b| *b == b'\n' || *b == b'\r')
    {
        if ends_line(bytes, i) {
            return i + 1;
        }
        // A `\r` right before `\n`: the `\n` at `offset` itself ends the line.
        end = i;
    }
    0
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

/// Where every line of a text starts, for many offset-to-line lookups on one text
/// (a report with thousands of findings) at a binary search each.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in 0..bytes.len() {
            if (bytes[i] == b'\n' || bytes[i] == b'\r') && ends_line(bytes, i) {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// The 0-based line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1)
    }

    /// The offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        self.starts[self.line(offset)]
    }
}

/// The 0-based line of `offset`.
pub fn line_index(text: &str, offset: usize) -> usize {
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let feeds = bytes.iter().filter(|b| **b == b'\n').count();
    if !bytes.contains(&b'\r') {
        return feeds;
    }
    // Lone carriage returns end lines too (a `\r\n` was counted once, by its `\n`).
    let all = text.as_bytes();
    feeds
        + bytes
            .iter()
            .enumerate()
            .filter(|(i, b)| **b == b'\r' && all.get(i + 1) != Some(&b'\n'))
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
mod index_tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_the_scanning_functions() {
        let text = "a\r\nbé\rc\n\nd\r\r\ne";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            assert_eq!(
                index.line(offset),
                line_index(text, offset),
                "line at {offset}"
            );
            assert_eq!(
                index.line_start(offset),
                line_start(text, offset),
                "start at {offset}"
            );
        }
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
