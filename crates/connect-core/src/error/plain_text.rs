//! Text from outside made safe to show.

/// Text from outside (a server's error description, a name or an e-mail) made safe to show, at most
/// `max` characters: line breaks and tabs become spaces, and every other control or hidden
/// character is shown as its code point (`evil[U+202E]txt.exe`), since removed it would leave a
/// name that reads as something it is not without a trace, and left in it would rewrite a
/// terminal line or reorder what the admin reads.
pub fn plain_text(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in text.chars() {
        let shown = if matches!(c, '\n' | '\r' | '\t' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            " ".to_string()
        } else if c.is_control() || is_hidden(c) {
            format!("[U+{:04X}]", u32::from(c))
        } else {
            c.to_string()
        };
        // A code point is shown whole or not at all.
        count += shown.chars().count();
        if count > max {
            break;
        }
        out.push_str(&shown);
    }
    out
}

/// Characters that change how the text around them reads without showing themselves: the bidi
/// controls (U+202E makes `evil\u{202e}txt.exe` read as `evilexe.txt`) and the invisible format
/// characters (zero-width space, word joiner, byte order mark, soft hyphen, tags, the Hangul
/// fillers and other letters that draw nothing, line and paragraph separators). The zero-width
/// joiner and non-joiner and the variation selectors stay: Persian and Indic names and emoji
/// sequences need them.
pub fn is_hidden(c: char) -> bool {
    is_bidi_control(c)
        || matches!(c, '\u{00ad}' | '\u{034f}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180e}' | '\u{200b}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e007f}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_shows_control_and_bidi_characters_as_code_points() {
        assert_eq!(
            plain_text("a\u{1b}[31mb\r\nc\u{202e}d", 100),
            "a[U+001B][31mb  c[U+202E]d"
        );
        assert_eq!(
            plain_text("evil\u{202e}txt.exe", 100),
            "evil[U+202E]txt.exe"
        );
        assert_eq!(plain_text("abcdef", 3), "abc");
        assert_eq!(
            plain_text("a\u{200b}b\u{2066}c\u{feff}\u{e0041}", 100),
            "a[U+200B]b[U+2066]c[U+FEFF][U+E0041]"
        );
        // Cut before a code point that would not fit whole.
        assert_eq!(plain_text("ab\u{202e}", 9), "ab");
        assert_eq!(plain_text("ab\u{202e}", 10), "ab[U+202E]");
        // Joiners stay: names and emoji need them.
        assert_eq!(
            plain_text("\u{1f468}\u{200d}\u{1f467}", 100),
            "\u{1f468}\u{200d}\u{1f467}"
        );
    }
}
