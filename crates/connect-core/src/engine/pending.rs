//! Which pending authorizations the registry keeps: every one still waited for, and the newest few
//! that ended (their outcome, for a waiting page or `authorize`, and to say a link was already
//! used).

use crate::registry::{PendingAuthorization, RegistryData};

/// How many ended requests are kept (their outcome, for a waiting page or `authorize`, and to say
/// a link was already used). Every read and write of the registry carries them: a thousand
/// authorizations within the hour made each deep link slower.
const ENDED_KEPT: usize = 20;

/// Drops pending requests that expired over an hour ago, and ended ones beyond the newest
/// [`ENDED_KEPT`]; returns their hashes so their verifiers can be removed from the keychain.
pub(super) fn prune_pending(data: &mut RegistryData, now: u64) -> Vec<String> {
    let mut ended: Vec<(u64, &str)> = data
        .pending
        .iter()
        .filter(|p| p.outcome.is_some())
        .map(|p| (p.created_at, p.state_hash.as_str()))
        .collect();
    ended.sort_unstable_by(|a, b| b.cmp(a));
    let old_ended: std::collections::HashSet<String> = ended
        .iter()
        .skip(ENDED_KEPT)
        .map(|(_, hash)| hash.to_string())
        .collect();
    let keep = |p: &PendingAuthorization| {
        p.expires_at.saturating_add(3600) > now && !old_ended.contains(&p.state_hash)
    };
    let stale = data
        .pending
        .iter()
        .filter(|p| !keep(p))
        .map(|p| p.state_hash.clone())
        .collect();
    data.pending.retain(keep);
    stale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::AccountKind;
    use crate::registry::{Origin, Outcome};

    fn pending(n: u64, ended: bool) -> PendingAuthorization {
        PendingAuthorization {
            state_hash: format!("h{n}"),
            app_id: "a".into(),
            kind: AccountKind::User,
            redirect_uri: "factorial-connect://oauth/callback".into(),
            pkce: true,
            origin: Origin::Window,
            created_at: n,
            expires_at: 10_000 + n,
            claimed_at: None,
            outcome: ended.then_some(Outcome::Cancelled),
        }
    }

    #[test]
    fn ended_requests_are_kept_to_the_newest_few_and_waiting_ones_all() {
        let mut data = RegistryData {
            pending: (0..100).map(|n| pending(n, n % 2 == 0)).collect(),
            ..RegistryData::default()
        };
        let stale = prune_pending(&mut data, 1_000);
        assert_eq!(stale.len(), 50 - ENDED_KEPT);
        assert!(stale.contains(&"h0".to_string()) && !stale.contains(&"h98".to_string()));
        assert_eq!(data.pending.len(), 50 + ENDED_KEPT);
        assert!(
            data.pending.iter().any(|p| p.state_hash == "h1"),
            "a waiting one went"
        );
        // An hour after they expired, all go.
        assert_eq!(prune_pending(&mut data, 20_000).len(), 50 + ENDED_KEPT);
        assert!(data.pending.is_empty());
    }
}
