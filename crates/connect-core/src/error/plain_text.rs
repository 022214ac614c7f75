//! Text from outside made safe to show.

/// Text from outside (a server's error description, a name or an e-mail) made safe to print: control
/// and bidirectional-formatting characters removed (they can rewrite a terminal line or reorder
/// what the admin reads), at most `max` characters.
pub fn plain_text(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !is_hidden(*c))
        .take(max)
        .collect()
}

/// Characters that change how the text around them reads without showing themselves: the bidi
/// controls (U+202E makes `evil\u{202e}txt.exe` read as `evilexe.txt`) and the invisible format
/// characters (zero-width space, word joiner, byte order mark, soft hyphen, tags). The zero-width
/// joiner and non-joiner stay: Persian and Indic names and emoji sequences need them.
pub fn is_hidden(c: char) -> bool {
    is_bidi_control(c)
        || matches!(c, '\u{00ad}' | '\u{180e}' | '\u{200b}' | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_loses_control_and_bidi_characters() {
        assert_eq!(plain_text("a\u{1b}[31mb\r\nc\u{202e}d", 100), "a[31mbcd");
        assert_eq!(plain_text("abcdef", 3), "abc");
        assert_eq!(plain_text("a\u{200b}b\u{2066}c\u{feff}", 100), "abc");
        // Joiners stay: names and emoji need them.
        assert_eq!(
            plain_text("\u{1f468}\u{200d}\u{1f467}", 100),
            "\u{1f468}\u{200d}\u{1f467}"
        );
    }
}
