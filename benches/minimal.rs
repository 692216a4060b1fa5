//! The second reference of the benchmarks: a minimal hand-written zero-copy parser.
//!
//! > [Measured] a minimal hand-written zero-copy parser that extracts only timestamps,
//! > authors and bodies 1.6 GB/s. (GitHub issue 5)
//!
//! It knows one layout, taken from the first line of the input, and nothing else: no
//! date order, no calendar check, no `\r`, no invisible marks but the U+200E iOS puts
//! before some headers, no content kinds, no system events, no diagnostics. It gives
//! the price of the bare work (finding records, reading the numbers, splitting the
//! author from the body) on this machine, in the same run as the crate, so the
//! crate's figures can be read against what any parser of these files must pay.

/// What the minimal parser extracts from a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinimalMessage<'a> {
    /// The numbers of the header in the order written (day, month, year, hour,
    /// minute and, when written, second), not checked.
    pub numbers: [u16; 6],
    /// The text between the header and the first `": "` of the header line.
    pub author: Option<&'a str>,
    /// The rest of the record, its last line break removed.
    pub body: &'a str,
}

/// The header of the first line, as a template: `b'0'` where a digit goes, the byte
/// itself elsewhere. `None` when the first line has no `" - "` or `"] "`.
fn template_of(first_line: &[u8]) -> Option<Vec<u8>> {
    let end = [&b" - "[..], b"] "]
        .iter()
        .filter_map(|mark| {
            first_line
                .windows(mark.len())
                .position(|w| w == *mark)
                .map(|i| i + mark.len())
        })
        .min()?;
    Some(
        first_line[..end]
            .iter()
            .map(|&b| if b.is_ascii_digit() { b'0' } else { b })
            .collect(),
    )
}

const LRM: &[u8] = "\u{200E}".as_bytes();

/// The length of the header starting `line` (with its optional U+200E), if any.
#[inline]
fn header_len(template: &[u8], line: &[u8]) -> Option<usize> {
    let skip = if line.starts_with(LRM) { LRM.len() } else { 0 };
    let candidate = line.get(skip..skip + template.len())?;
    let fits = template.iter().zip(candidate).all(|(&t, &b)| {
        if t == b'0' {
            b.is_ascii_digit()
        } else {
            t == b
        }
    });
    fits.then_some(skip + template.len())
}

/// The messages of `text`, in order; lines before the first header are skipped.
pub fn parse(text: &str) -> impl Iterator<Item = MinimalMessage<'_>> {
    let bytes = text.as_bytes();
    let first_line = &bytes[..memchr::memchr(b'\n', bytes).unwrap_or(bytes.len())];
    let template = template_of(first_line).unwrap_or_default();
    let mut pos = 0;
    std::iter::from_fn(move || {
        // The next header line.
        let (start, header) = loop {
            if template.is_empty() || pos >= bytes.len() {
                return None;
            }
            let line_end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
            let start = pos;
            pos = line_end + 1;
            if let Some(header) = header_len(&template, &bytes[start..line_end]) {
                break (start, header);
            }
        };
        let first_end = pos - 1;
        // Its continuation lines.
        while pos < bytes.len() && header_len(&template, &bytes[pos..]).is_none() {
            pos = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i) + 1;
        }
        let end = pos.min(bytes.len());
        let body_end = if bytes[..end].ends_with(b"\n") {
            end - 1
        } else {
            end
        };
        let mut numbers = [0u16; 6];
        let mut index = 0;
        let mut in_number = false;
        for &b in &bytes[start..start + header] {
            if b.is_ascii_digit() {
                if index < numbers.len() {
                    numbers[index] = numbers[index] * 10 + u16::from(b - b'0');
                }
                in_number = true;
            } else if in_number {
                index += 1;
                in_number = false;
            }
        }
        let rest = start + header;
        let first = &bytes[rest..first_end.max(rest).min(body_end)];
        let colon = first.windows(2).position(|w| w == b": ");
        // Both cuts fall on ASCII bytes, so on character boundaries.
        let (author, body) = match colon {
            Some(i) => (
                Some(&text[rest..rest + i]),
                &text[(rest + i + 2).min(body_end)..body_end],
            ),
            None => (None, &text[rest..body_end.max(rest)]),
        };
        Some(MinimalMessage {
            numbers,
            author,
            body,
        })
    })
}

/// Checks the parser on two small exports; the benchmark runs it before measuring,
/// beside the exact message count on every corpus.
pub fn self_check() {
    let android = "12/10/2024, 18:32 - Léa: Salut\nà tous\n12/10/2024, 18:33 - Hugo a rejoint\n";
    let messages: Vec<_> = parse(android).collect();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0].numbers, [12, 10, 2024, 18, 32, 0]);
    assert_eq!(messages[0].author, Some("Léa"));
    assert_eq!(messages[0].body, "Salut\nà tous");
    assert_eq!(messages[1].author, None);
    assert_eq!(messages[1].body, "Hugo a rejoint");
    let ios = "[12/10/2024 18:32:05] Léa: Salut\n\u{200E}[12/10/2024 18:33:00] Hugo: \u{200E}image absente";
    let messages: Vec<_> = parse(ios).collect();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1].numbers, [12, 10, 2024, 18, 33, 0]);
    assert_eq!(messages[1].body, "\u{200E}image absente");
}
