//! `exec --keep-fresh` with the Doorkeeper sandbox issuing 6-second tokens: a child that reads
//! `FACTORIAL_ACCESS_TOKEN_FILE` and calls Factorial in a loop for five expiries never meets a
//! refused token; the file is the user's alone, and gone once the command ends; the command's
//! exit status is ours.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod support;

use support::{Sandbox, connected_with};

#[test]
fn a_long_command_always_reads_a_token_factorial_accepts() {
    let sandbox = Sandbox::private("on-use");
    sandbox.post(
        "/sandbox/settings",
        serde_json::json!({"access_token_ttl": 6}),
    );
    let (_company, _oauth, desk) = connected_with(&sandbox, "Long job", &[]);
    // About 33 s: five lives of the token. Each round reads the file as a job would, calls the
    // credentials endpoint with it (the header from stdin, off every command line), and notes the
    // answer's status and the token; then the file's mode and its folder.
    let job = r#"file="$FACTORIAL_ACCESS_TOKEN_FILE"
stat -c 'mode %a' "$file"
stat -c 'folder %a' "$(dirname "$file")"
echo "folder-path $(dirname "$file")"
i=0
while [ $i -lt 66 ]; do
  token=$(cat "$file")
  code=$(printf 'header = "Authorization: Bearer %s"\n' "$token" | curl -sS -o /dev/null -w '%{http_code}' -K - "$FACTORIAL_API_URL/api/2026-10-01/resources/api_public/credentials")
  echo "call $code $token"
  sleep 0.5
  i=$((i + 1))
done
exit 7"#;
    let run = desk.run(
        &["exec", "--keep-fresh", "Long job", "--", "sh", "-c", job],
        "",
    );
    assert_eq!(run.code, Some(7), "the command's own exit status: {run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.contains(&"mode 600"), "{}", run.stdout);
    assert!(lines.contains(&"folder 700"), "{}", run.stdout);
    let calls: Vec<(&str, &str)> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("call "))
        .map(|l| l.split_once(' ').unwrap())
        .collect();
    assert_eq!(calls.len(), 66, "{}", run.stdout);
    let refused: Vec<_> = calls.iter().filter(|(code, _)| *code != "200").collect();
    assert!(
        refused.is_empty(),
        "refused calls: {refused:?}\n{}",
        run.stderr
    );
    let mut tokens: Vec<&str> = calls.iter().map(|(_, t)| *t).collect();
    tokens.dedup();
    assert!(
        tokens.len() >= 6,
        "{} tokens in 33 s of 6 s tokens",
        tokens.len()
    );
    let folder = lines
        .iter()
        .find_map(|l| l.strip_prefix("folder-path "))
        .unwrap();
    assert!(
        !std::path::Path::new(folder).exists(),
        "{folder} is left behind"
    );
}

/// A supervisor stopping the job (SIGTERM to us): the command is told and ends first, its exit
/// status is ours, and the token's folder is removed.
#[test]
fn a_termination_reaches_the_command_and_the_folder_goes() {
    let sandbox = Sandbox::shared();
    let (_company, _oauth, desk) = connected_with(sandbox, "Job", &[]);
    let job = r#"echo "folder-path $(dirname "$FACTORIAL_ACCESS_TOKEN_FILE")"
trap 'kill $!; echo stopped; exit 3' TERM
sleep 60 &
wait"#;
    let mut command = desk.command(&["exec", "--keep-fresh", "Job", "--", "sh", "-c", job]);
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    let folder = first
        .trim()
        .strip_prefix("folder-path ")
        .unwrap()
        .to_string();
    assert!(std::path::Path::new(&folder).join("access-token").exists());
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = support::wait_with_timeout(child, std::time::Duration::from_secs(30)).status;
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(status.code(), Some(3), "{rest}");
    assert!(rest.contains("stopped"), "{rest}");
    assert!(
        !std::path::Path::new(&folder).exists(),
        "{folder} is left behind"
    );
}
