//! Examples of the codes whose reason comes from a part outside, for the catalogs' tests.

use connect_core::ErrorCode;
use connect_core::error::{
    AnswerFlaw, BrowserProblem, ClipboardProblem, Damage, RecordKind, RecordPart, UpdateProblem,
};
use connect_core::share::{CertificateIssue, ShareProblem};

/// The codes whose reason comes from a part outside (an answer, a data file, the clipboard, the
/// browser, the updater): every reason, each way it reads.
pub(super) fn examples() -> Vec<ErrorCode> {
    let mut codes = Vec::new();
    for flaw in answer_flaws() {
        for status in [Some(200), None] {
            let host = "api.factorialhr.com".to_string();
            let flaw = flaw.clone();
            codes.push(ErrorCode::BadResponse { host, status, flaw });
        }
    }
    for damage in damages() {
        for backup in [Some("/data/registry.json.unreadable-1".into()), None] {
            let path = "/data/registry.json".into();
            codes.push(ErrorCode::Corrupt {
                path,
                backup,
                damage,
            });
        }
    }
    for problem in [BrowserProblem::NoneFound, BrowserProblem::Refused] {
        codes.push(ErrorCode::NoBrowser { problem });
    }
    for problem in [
        ClipboardProblem::Unavailable,
        ClipboardProblem::Busy,
        ClipboardProblem::Other,
    ] {
        codes.push(ErrorCode::Clipboard { problem });
    }
    for problem in [
        UpdateProblem::PackageManager,
        UpdateProblem::Unsigned,
        UpdateProblem::Network,
        UpdateProblem::NotPublished,
        UpdateProblem::BadSignature,
        UpdateProblem::Install,
        UpdateProblem::Other,
    ] {
        codes.push(ErrorCode::UpdateFailed { problem });
    }
    for problem in share_problems() {
        let server = "vault.example.com:8200".to_string();
        codes.push(ErrorCode::ShareFailed { server, problem });
    }
    codes
}

fn share_problems() -> Vec<ShareProblem> {
    let mut problems = vec![
        ShareProblem::Unreachable,
        ShareProblem::TimedOut,
        ShareProblem::CaFile {
            path: "/etc/ssl/company-ca.pem".into(),
        },
        ShareProblem::Sealed,
        ShareProblem::LoginRefused,
        ShareProblem::NotAllowed,
        ShareProblem::NoMount,
        ShareProblem::NotVersioned,
        ShareProblem::CasNotRequired,
        ShareProblem::PathTaken,
        ShareProblem::WrittenByOthers { ours: 4, found: 5 },
        ShareProblem::RemovedByOthers { ours: 4 },
        ShareProblem::KeptTokenExpired,
        ShareProblem::ServerError { status: 502 },
        ShareProblem::UnexpectedAnswer { status: Some(200) },
        ShareProblem::UnexpectedAnswer { status: None },
    ];
    for issue in [
        CertificateIssue::WrongName,
        CertificateIssue::UnknownAuthority,
        CertificateIssue::Expired,
        CertificateIssue::Other,
    ] {
        problems.push(ShareProblem::Certificate { issue });
    }
    problems
}

/// Fails to compile when a secrets manager's problem is added without an example above.
#[allow(dead_code)]
fn every_share_problem_has_an_example(problem: &ShareProblem, issue: CertificateIssue) {
    match problem {
        ShareProblem::Unreachable
        | ShareProblem::TimedOut
        | ShareProblem::Certificate { .. }
        | ShareProblem::CaFile { .. }
        | ShareProblem::Sealed
        | ShareProblem::LoginRefused
        | ShareProblem::NotAllowed
        | ShareProblem::NoMount
        | ShareProblem::NotVersioned
        | ShareProblem::CasNotRequired
        | ShareProblem::PathTaken
        | ShareProblem::WrittenByOthers { .. }
        | ShareProblem::RemovedByOthers { .. }
        | ShareProblem::KeptTokenExpired
        | ShareProblem::ServerError { .. }
        | ShareProblem::UnexpectedAnswer { .. } => {}
    }
    match issue {
        CertificateIssue::WrongName
        | CertificateIssue::UnknownAuthority
        | CertificateIssue::Expired
        | CertificateIssue::Other => {}
    }
}

fn answer_flaws() -> Vec<AnswerFlaw> {
    vec![
        AnswerFlaw::NotJson {
            content_type: "text/plain".into(),
        },
        AnswerFlaw::JsonCutShort,
        AnswerFlaw::JsonSyntax,
        AnswerFlaw::JsonShape,
        AnswerFlaw::Empty,
        AnswerFlaw::CutShort,
        AnswerFlaw::TooLarge { limit_kib: 64 },
        AnswerFlaw::NoOwner,
        AnswerFlaw::UnexpectedStatus,
    ]
}

fn damages() -> Vec<Damage> {
    let mut damages = vec![
        Damage::TooLarge { limit_mib: 8 },
        Damage::Unreadable {
            line: 12,
            column: 4,
        },
    ];
    for record in [
        RecordKind::Application,
        RecordKind::Account,
        RecordKind::PendingAuthorization,
    ] {
        for part in [
            RecordPart::Id,
            RecordPart::Name,
            RecordPart::ClientId,
            RecordPart::BaseUrl,
            RecordPart::RedirectUri,
            RecordPart::Scopes,
            RecordPart::SharedTo,
        ] {
            damages.push(Damage::BadRecord {
                record,
                number: 2,
                part,
            });
        }
    }
    damages
}

/// Fails to compile when a reason from outside is added without an example above.
#[allow(dead_code)]
fn every_outside_reason_has_an_example(
    flaw: &AnswerFlaw,
    damage: Damage,
    browser: BrowserProblem,
    clipboard: ClipboardProblem,
    update: UpdateProblem,
) {
    match flaw {
        AnswerFlaw::NotJson { .. }
        | AnswerFlaw::JsonCutShort
        | AnswerFlaw::JsonSyntax
        | AnswerFlaw::JsonShape
        | AnswerFlaw::Empty
        | AnswerFlaw::CutShort
        | AnswerFlaw::TooLarge { .. }
        | AnswerFlaw::NoOwner
        | AnswerFlaw::UnexpectedStatus => {}
    }
    match damage {
        Damage::TooLarge { .. } | Damage::Unreadable { .. } => {}
        Damage::BadRecord { record, part, .. } => {
            match record {
                RecordKind::Application
                | RecordKind::Account
                | RecordKind::PendingAuthorization => {}
            }
            match part {
                RecordPart::Id
                | RecordPart::Name
                | RecordPart::ClientId
                | RecordPart::BaseUrl
                | RecordPart::RedirectUri
                | RecordPart::Scopes
                | RecordPart::SharedTo => {}
            }
        }
    }
    match browser {
        BrowserProblem::NoneFound | BrowserProblem::Refused => {}
    }
    match clipboard {
        ClipboardProblem::Unavailable | ClipboardProblem::Busy | ClipboardProblem::Other => {}
    }
    match update {
        UpdateProblem::PackageManager
        | UpdateProblem::Unsigned
        | UpdateProblem::Network
        | UpdateProblem::NotPublished
        | UpdateProblem::BadSignature
        | UpdateProblem::Install
        | UpdateProblem::Other => {}
    }
}
