//! Expiry times as a person reads them ("expires in 42 min").

use std::time::{SystemTime, UNIX_EPOCH};

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// "never expires", "expires in 42 min", "expired 3 h ago".
pub fn expiry_text(expires_at: Option<u64>, now: u64) -> String {
    match expires_at {
        None => "never expires".to_string(),
        Some(at) if at > now => format!("expires in {}", span(at - now)),
        Some(at) => format!("expired {} ago (refreshed on next use)", span(now - at)),
    }
}

fn span(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..7200 => format!("{} min", secs / 60),
        7200..172_800 => format!("{} h", secs / 3600),
        _ => format!("{} days", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_person_would_say_it() {
        assert_eq!(expiry_text(None, 10), "never expires");
        assert_eq!(expiry_text(Some(3_610), 10), "expires in 60 min");
        assert_eq!(
            expiry_text(Some(10), 7_210),
            "expired 2 h ago (refreshed on next use)"
        );
        assert_eq!(expiry_text(Some(40), 10), "expires in 30 s");
    }
}
