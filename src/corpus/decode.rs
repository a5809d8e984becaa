//! Bytes of a corpus file to text: UTF-8 (with or without BOM), otherwise
//! the single-byte code page whose decoding looks most like the collection
//! (Windows-1251, KOI8-R, ISO-8859-5, windows-1252 or Latin-1; see
//! [`super::charset`]), or the one the user forced, decoded with a warning
//! naming it and the confidence. Binary files are refused with an error
//! that says so.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::charset::{self, Codepage};
use super::Warning;

/// A decoded page.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding used (`UTF-8`, `windows-1251`, `windows-1252`).
    pub encoding: &'static str,
    /// Set when anything but plain UTF-8 was read (BOM stripped, legacy encoding).
    pub warning: Option<Warning>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("this looks like a binary file, not a text page: {nul} NUL bytes and {control} other control bytes in the first {checked} bytes; save the page as .txt (UTF-8) or .htm")]
    Binary {
        nul: usize,
        control: usize,
        checked: usize,
    },
}

const SAMPLE: usize = 64 * 1024;

fn check_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    // Nearly every page has no byte below 0x20 but tabs and line breaks:
    // one pass that the compiler vectorises says so, and NULs and control
    // bytes (both among these) need no counting.
    if !sample
        .iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
    {
        return Ok(());
    }
    binary_by_counts(sample)
}

/// The counts behind [`check_binary`]'s verdict on a sample.
fn binary_by_counts(sample: &[u8]) -> Result<(), DecodeError> {
    let nul = sample.iter().filter(|&&b| b == 0).count();
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0c | 0x1a))
        .count();
    let n = sample.len().max(1);
    // Text pages hold no NULs; a handful can be a stray glitch, but one in a
    // hundred bytes (or one control byte in ten) means binary data.
    if nul * 100 >= n && nul > 0 || control * 10 >= n && control > 0 {
        return Err(DecodeError::Binary {
            nul,
            control,
            checked: sample.len(),
        });
    }
    Ok(())
}

fn line_of(bytes: &[u8], at: usize) -> u32 {
    let n = bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

/// More valid multi-byte UTF-8 characters than invalid bytes: a UTF-8 file
/// with damage, not a legacy-encoded one (Windows-1251 and Latin-1 text
/// almost never forms valid multi-byte sequences).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > 0 && bad <= good
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, None)
}

/// [`decode`], but a page that is not UTF-8 is read in `forced` (from
/// `seed --encoding`) instead of the detected code page.
pub fn decode_with(bytes: &[u8], forced: Option<Codepage>) -> Result<Decoded, DecodeError> {
    // A UTF-16 BOM comes first: UTF-16 text is full of NULs.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        if enc == UTF_16LE || enc == UTF_16BE {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
                warning: Some(Warning {
                    line: 1,
                    code: "encoding_utf16",
                    message: format!(
                        "file is {} with a byte order mark{}",
                        enc.name(),
                        if had_errors {
                            "; some bytes were invalid and replaced"
                        } else {
                            ""
                        }
                    ),
                    expected: "UTF-8 text".into(),
                }),
            });
        }
    }
    check_binary(bytes)?;
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
            warning: bom.then(|| Warning {
                line: 1,
                code: "utf8_bom_stripped",
                message: "file starts with a UTF-8 byte order mark; it was removed".into(),
                expected: "UTF-8 text without a byte order mark".into(),
            }),
        }),
        Err(e) if mostly_utf8(body) => {
            // A UTF-8 page with a few broken bytes: decoding it all as a
            // legacy code page would turn every good letter into mojibake.
            let bad_line = line_of(body, e.valid_up_to());
            Ok(Decoded {
                text: String::from_utf8_lossy(body).into_owned(),
                encoding: UTF_8.name(),
                warning: Some(Warning {
                    line: bad_line,
                    code: "utf8_invalid_bytes",
                    message: format!(
                        "invalid UTF-8 bytes (first on line {bad_line}) replaced by U+FFFD"
                    ),
                    expected: "valid UTF-8 text".into(),
                }),
            })
        }
        Err(e) => {
            let bad_line = line_of(body, e.valid_up_to());
            let (codepage, text, how) = match forced {
                Some(codepage) => (
                    codepage,
                    codepage.decode(body),
                    "as --encoding asked".to_string(),
                ),
                None => {
                    let mut det = chardetng::EncodingDetector::new();
                    det.feed(body, true);
                    let guess = det.guess(None, false);
                    let found = charset::detect(body, Some(guess));
                    let how = format!(
                        "detected with confidence {:.2} (next best {}); if the text reads wrong, seed again with --encoding NAME",
                        found.confidence,
                        found.runner_up.name()
                    );
                    (found.codepage, found.text, how)
                }
            };
            Ok(Decoded {
                text,
                encoding: codepage.name(),
                warning: Some(Warning {
                    line: bad_line,
                    code: "encoding_not_utf8",
                    message: format!(
                        "file is not UTF-8 (first invalid byte on line {bad_line}); decoded as {}, {how}",
                        codepage.name()
                    ),
                    expected: "UTF-8 text".into(),
                }),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode("Chargé dʹaffaires".as_bytes()).expect("utf-8");
        assert_eq!(
            (d.text.as_str(), d.encoding, d.warning.is_none()),
            ("Chargé dʹaffaires", "UTF-8", true)
        );
        let b = decode(b"\xEF\xBB\xBFTelegram").expect("bom");
        assert_eq!(b.text, "Telegram");
        assert_eq!(b.warning.map(|w| w.code), Some("utf8_bom_stripped"));
    }

    #[test]
    fn windows_1251_detected() {
        let src = "Телеграмма полномочного представителя СССР в Турции в Народный комиссариат иностранных дел. Секретно.\nСегодня министр сообщил мне, что переговоры будут продолжены.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(src);
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(d.text, src);
        assert_eq!(
            d.warning.map(|w| (w.code, w.line)),
            Some(("encoding_not_utf8", 1))
        );
    }

    #[test]
    fn latin1_detected() {
        let src = "Telegram of the chargé d'affaires\nThe minister met Atatürk at the café; the señor from the légation was there.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(src);
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, src);
        assert_eq!(d.warning.map(|w| w.line), Some(1));
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = "Chargé dʹaffaires — Atatürk\nline two ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice("\nend".as_bytes());
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("Chargé dʹaffaires — Atatürk"));
        assert!(d.text.contains('\u{FFFD}'));
        assert_eq!(
            d.warning.map(|w| (w.code, w.line)),
            Some(("utf8_invalid_bytes", 2))
        );
    }

    #[test]
    fn binary_refused() {
        let bytes: Vec<u8> = (0..4096u32)
            .map(|i| if i % 7 == 0 { 0 } else { (i % 251) as u8 })
            .collect();
        let e = decode(&bytes).expect_err("binary");
        assert!(e.to_string().contains("binary file"), "{e}");
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").is_err());
    }
}

/// `check_binary`'s shortcut against the counting it skips.
#[cfg(test)]
mod fast_path_tests {
    use proptest::prelude::*;

    use super::*;

    /// `check_binary` as first written: always count.
    fn check_binary_reference(bytes: &[u8]) -> Result<(), DecodeError> {
        binary_by_counts(&bytes[..bytes.len().min(SAMPLE)])
    }

    proptest! {
        #[test]
        fn shortcut_answers_as_the_counts_do(
            // Mostly text, with every byte below 0x20 now and then.
            bytes in proptest::collection::vec(
                prop_oneof![8 => 0x20u8..0x7f, 1 => 0u8..0x20, 1 => any::<u8>()], 0..300),
        ) {
            prop_assert_eq!(check_binary(&bytes), check_binary_reference(&bytes));
        }
    }
}
