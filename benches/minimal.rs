//! The second reference of the benchmarks: a minimal hand-written zero-copy parser.
//!
//! > [Measured] a minimal hand-written zero-copy parser that extracts only timestamps,
//! > authors and bodies 1.6 GB/s. (GitHub issue 5)
//!
//! It is written for the two layouts of the generated corpora, at fixed offsets, and
//! knows nothing else: no other layout, no date order, no calendar check, no `\r`, no
//! invisible marks but the U+200E iOS puts before some headers, no content kinds, no
//! system events, no diagnostics. It gives the price of the bare work (finding
//! records, reading the numbers, splitting the author from the body) on this
//! machine, in the same run as the crate, so the crate's figures can be read against
//! what any parser of these files must pay.

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

/// The two layouts it knows, the corpora's, each at fixed offsets: Android
/// `12/10/2024, 18:32 - ` and iOS `[12/10/2024 18:32:05] ` (after an optional U+200E).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Android,
    Ios,
}

const LRM: &[u8] = "\u{200E}".as_bytes();

/// Where the digits and the literal bytes of a fixed-width header are.
struct Fixed {
    len: usize,
    /// Android's twelve digits are padded to iOS's fourteen by repeating the last, so
    /// that both checks are unrolled.
    digits: [usize; 14],
    literals: [(usize, u8); 8],
    /// Where day, month, the two halves of the year, hour, minute and second start
    /// (`None`: not written).
    numbers: [Option<usize>; 7],
}

const ANDROID: Fixed = Fixed {
    len: 20,
    digits: [0, 1, 3, 4, 6, 7, 8, 9, 12, 13, 15, 16, 16, 16],
    literals: [
        (2, b'/'),
        (5, b'/'),
        (10, b','),
        (11, b' '),
        (14, b':'),
        (17, b' '),
        (18, b'-'),
        (19, b' '),
    ],
    numbers: [Some(0), Some(3), Some(6), Some(8), Some(12), Some(15), None],
};

const IOS: Fixed = Fixed {
    len: 22,
    digits: [1, 2, 4, 5, 7, 8, 9, 10, 12, 13, 15, 16, 18, 19],
    literals: [
        (0, b'['),
        (3, b'/'),
        (6, b'/'),
        (11, b' '),
        (14, b':'),
        (17, b':'),
        (20, b']'),
        (21, b' '),
    ],
    numbers: [
        Some(1),
        Some(4),
        Some(7),
        Some(9),
        Some(12),
        Some(15),
        Some(18),
    ],
};

impl Layout {
    fn fixed(self) -> &'static Fixed {
        match self {
            Layout::Android => &ANDROID,
            Layout::Ios => &IOS,
        }
    }

    /// The layout of the header starting `line`, if any.
    fn of(line: &[u8]) -> Option<Layout> {
        [Layout::Android, Layout::Ios]
            .into_iter()
            .find(|layout| layout.header_len(line).is_some())
    }

    /// Where the header starting `line` ends, if it has this layout.
    #[inline(always)]
    fn header_len(self, line: &[u8]) -> Option<usize> {
        let skip = match self {
            Layout::Ios if line.starts_with(LRM) => LRM.len(),
            _ => 0,
        };
        let fixed = self.fixed();
        let header = line.get(skip..skip + fixed.len)?;
        let fits = fixed.literals.iter().all(|&(at, b)| header[at] == b)
            && fixed.digits.iter().all(|&at| header[at].is_ascii_digit());
        fits.then_some(skip + fixed.len)
    }

    /// The numbers of a header that fits, in the order written.
    #[inline(always)]
    fn numbers(self, header: &[u8]) -> [u16; 6] {
        let two = |at: Option<usize>| {
            at.map_or(0, |at| {
                u16::from(header[at] - b'0') * 10 + u16::from(header[at + 1] - b'0')
            })
        };
        let n = self.fixed().numbers;
        [
            two(n[0]),
            two(n[1]),
            two(n[2]) * 100 + two(n[3]),
            two(n[4]),
            two(n[5]),
            two(n[6]),
        ]
    }
}

/// The messages of `text`, in order; lines before the first header are skipped.
pub fn parse(text: &str) -> impl Iterator<Item = MinimalMessage<'_>> {
    let bytes = text.as_bytes();
    let layout = Layout::of(bytes);
    let line_end =
        move |from: usize| memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i);
    // The first header: every later record starts where the previous one's
    // continuation lines stop, on a header already checked.
    let mut pos = 0;
    let mut header = None;
    while let Some(layout) = layout {
        if pos >= bytes.len() {
            break;
        }
        header = layout.header_len(&bytes[pos..]);
        if header.is_some() {
            break;
        }
        pos = line_end(pos) + 1;
    }
    std::iter::from_fn(move || {
        let (layout, start, header_len) = (layout?, pos, header.take()?);
        pos = line_end(start) + 1;
        let first_end = (pos - 1).min(bytes.len());
        // Its continuation lines, up to the next header.
        while pos < bytes.len() {
            header = layout.header_len(&bytes[pos..]);
            if header.is_some() {
                break;
            }
            pos = line_end(pos) + 1;
        }
        let end = pos.min(bytes.len());
        let body_end = if bytes[..end].ends_with(b"\n") {
            end - 1
        } else {
            end
        };
        let numbers = layout.numbers(&bytes[start + header_len - layout.fixed().len..]);
        let rest = start + header_len;
        let first_end = first_end.max(rest).min(body_end);
        // The author ends at the first `": "` of the header line.
        let mut colon = None;
        let mut from = rest;
        while let Some(i) = memchr::memchr(b':', &bytes[from..first_end]) {
            if bytes.get(from + i + 1) == Some(&b' ') {
                colon = Some(from + i);
                break;
            }
            from += i + 1;
        }
        // Both cuts fall on ASCII bytes, so on character boundaries.
        let (author, body) = match colon {
            Some(at) => (
                Some(&text[rest..at]),
                &text[(at + 2).min(body_end)..body_end],
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
