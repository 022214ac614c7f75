//! Text from outside made safe to show.

/// Text from outside (a server's error description, a name or an e-mail) made safe to print: control
/// and bidirectional-formatting characters removed (they can rewrite a terminal line or reorder
/// what the admin reads), at most `max` characters.
pub fn plain_text(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .take(max)
        .collect()
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
    }
}
