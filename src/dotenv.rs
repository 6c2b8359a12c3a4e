//! A small dotenv reader: `KEY=value` lines with `export`, quotes and `#` comments,
//! each entry with the byte ranges rules report and fixes rewrite.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub key: &'a str,
    pub key_range: Range<usize>,
    /// The value without quotes.
    pub value: &'a str,
    pub value_range: Range<usize>,
    /// The whole line, without its newline.
    pub line_range: Range<usize>,
}

/// Every assignment in a dotenv text, in order. Malformed lines are skipped.
pub fn entries(text: &str) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let line_range = line_start..line_start + line.len();
        let indent = line.len() - line.trim_start().len();
        let mut rest = &line[indent..];
        let mut pos = line_start + indent;
        if rest.starts_with('#') || rest.is_empty() {
            continue;
        }
        if let Some(after) = rest.strip_prefix("export ") {
            let skipped = rest.len() - after.trim_start().len();
            pos += skipped;
            rest = &rest[skipped..];
        }
        let Some(eq) = rest.find('=') else { continue };
        let key = rest[..eq].trim_end();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        {
            continue;
        }
        let key_range = pos..pos + key.len();
        let after_eq = &rest[eq + 1..];
        let lead = after_eq.len() - after_eq.trim_start().len();
        let value_part = &after_eq[lead..];
        let value_pos = pos + eq + 1 + lead;
        let (value, value_start) = match value_part.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => {
                let inner = &value_part[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (&inner[..end], value_pos + 1)
            }
            _ => {
                // An unquoted value ends at ` #` (an inline comment).
                let end = value_part.find(" #").unwrap_or(value_part.len());
                (value_part[..end].trim_end(), value_pos)
            }
        };
        out.push(Entry {
            key,
            key_range,
            value,
            value_range: value_start..value_start + value.len(),
            line_range,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_values_and_ranges() {
        let text = "# comment\nexport A=1\nB = \"two words\" \nC=x # note\n\nbad line\n";
        let e = entries(text);
        assert_eq!(e.len(), 3);
        assert_eq!((e[0].key, e[0].value), ("A", "1"));
        assert_eq!((e[1].key, e[1].value), ("B", "two words"));
        assert_eq!(&text[e[1].value_range.clone()], "two words");
        assert_eq!((e[2].key, e[2].value), ("C", "x"));
        assert_eq!(&text[e[2].key_range.clone()], "C");
    }
}
