#!/usr/bin/env bash
# Self-test of the OAuth sandbox (server.rb + approve-browser), independent of the Rust code.
# Needs ruby + Debian's ruby-doorkeeper/ruby-rails/ruby-sqlite3/puma, python3, curl, jq.
#   tests/sandbox/selftest.sh        # prints one line per check, exits non-zero on failure
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

fails=0
ok()   { echo "ok   - $*"; }
bad()  { echo "FAIL - $*"; fails=$((fails + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_server ROTATION -> sets $B (base URL); the server dies with this script (--parent-pid).
start_server() {
  local port; port=$(free_port)
  local out="$work/server-$1.out"
  local t0; t0=$(date +%s.%N)
  ruby "$here/doorkeeper/server.rb" --port "$port" --db "$work/$1.sqlite3" --rotation "$1" --parent-pid $$ \
    >"$out" 2>"$work/server-$1.err" &
  pids+=($!)
  for _ in $(seq 1 200); do
    grep -q '^READY ' "$out" && break
    kill -0 "${pids[-1]}" 2>/dev/null || break # died during boot
    sleep 0.05
  done
  grep -q '^READY ' "$out" || { cat "$work/server-$1.err"; echo "server did not start" >&2; exit 1; }
  B=$(sed -n 's/^READY //p' "$out")
  echo "# server ($1) ready at $B after $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-4) s"
}

post_json() { curl -sS --max-time 5 -H 'Content-Type: application/json' -d "$2" "$B$1"; }

# Seeds a company, an admin, a basic user, a confidential and a public app; exports their ids.
seed() {
  CO=$(post_json /sandbox/companies '{"name":"ACME","legal_name":"ACME Sociedad Limitada"}' | jq -r .id)
  post_json /sandbox/users "{\"email\":\"admin@acme.test\",\"password\":\"pw-admin\",\"full_name\":\"Ada Admin\",\"role\":\"admin\",\"company_id\":$CO}" >/dev/null
  post_json /sandbox/users "{\"email\":\"basic@acme.test\",\"password\":\"pw-basic\",\"full_name\":\"Bob Basic\",\"role\":\"basic\",\"company_id\":$CO}" >/dev/null
  local conf pub
  conf=$(post_json /sandbox/applications '{"name":"Factorial Connect","redirect_uri":"factorial-connect://oauth/callback","confidential":true,"scopes":"employees time_off"}')
  pub=$(post_json /sandbox/applications '{"name":"Factorial Connect (public)","redirect_uri":"factorial-connect://oauth/callback","confidential":false,"scopes":"employees"}')
  CID=$(jq -r .client_id <<<"$conf"); SECRET=$(jq -r .client_secret <<<"$conf")
  PUB=$(jq -r .client_id <<<"$pub")
}

REDIRECT=factorial-connect://oauth/callback
ENC_REDIRECT=factorial-connect%3A%2F%2Foauth%2Fcallback

# browse EMAIL PASSWORD URL [DECISION] -> prints the line approve-browser recorded
browse() {
  local out="$work/redirect.out"; : >"$out"
  SANDBOX_EMAIL=$1 SANDBOX_PASSWORD=$2 SANDBOX_DECISION=${4:-approve} SANDBOX_REDIRECT_OUT=$out \
    "$here/approve-browser" "$3" 2>>"$work/browser.err"
  tail -n 1 "$out"
}
query_param() { python3 -c 'import sys, urllib.parse as u; print(dict(u.parse_qsl(u.urlsplit(sys.argv[1]).query)).get(sys.argv[2], ""))' "$1" "$2"; }
pkce_pair() { python3 -c 'import base64, hashlib, secrets; v=secrets.token_urlsafe(48); print(v, base64.urlsafe_b64encode(hashlib.sha256(v.encode()).digest()).rstrip(b"=").decode())'; }

token() { curl -sS --max-time 5 "$B/oauth/token" "$@"; }
creds_status() { curl -sS --max-time 5 -o "$work/creds.json" -w '%{http_code}' -H "Authorization: Bearer $1" "$B/api/2026-10-01/resources/api_public/credentials"; }
refresh() { token -d grant_type=refresh_token -d "refresh_token=$1" -d "client_id=$CID" -d "client_secret=$SECRET"; }

# user_token EMAIL PASSWORD -> JSON of a code exchanged for a user token (confidential app, PKCE)
user_token() {
  local pair verifier challenge url code
  pair=$(pkce_pair); verifier=${pair% *}; challenge=${pair#* }
  url="$B/oauth/authorize?client_id=$CID&redirect_uri=$ENC_REDIRECT&response_type=code&scope=employees%20time_off&state=st-1&code_challenge=$challenge&code_challenge_method=S256"
  code=$(query_param "$(browse "$1" "$2" "$url")" code)
  token -d grant_type=authorization_code -d "code=$code" -d "redirect_uri=$REDIRECT" \
    -d "client_id=$CID" -d "client_secret=$SECRET" -d "code_verifier=$verifier"
}

# ---------------------------------------------------------------------------------------------
start_server on-use
seed

echo "# (a) user token, confidential app, PKCE S256 + state, refresh with on-use rotation"
pair=$(pkce_pair); verifier=${pair% *}; challenge=${pair#* }
redir=$(browse admin@acme.test pw-admin "$B/oauth/authorize?client_id=$CID&redirect_uri=$ENC_REDIRECT&response_type=code&scope=employees%20time_off&state=st-a&code_challenge=$challenge&code_challenge_method=S256")
check "redirect to app with state" test "$(query_param "$redir" state)" = st-a
code=$(query_param "$redir" code)
tok=$(token -d grant_type=authorization_code -d "code=$code" -d "redirect_uri=$REDIRECT" -d "client_id=$CID" -d "client_secret=$SECRET" -d "code_verifier=$verifier")
check "expires_in 3600" test "$(jq -r .expires_in <<<"$tok")" = 3600
check "refresh_token present" test "$(jq -r '.refresh_token // empty' <<<"$tok")" != ""
check "scope echoed" test "$(jq -r .scope <<<"$tok")" = "employees time_off"
at1=$(jq -r .access_token <<<"$tok"); rt1=$(jq -r .refresh_token <<<"$tok")
check "credentials 200" test "$(creds_status "$at1")" = 200
check "credentials user item" test "$(jq -r '.data[0] | "\(.resource_owner_type) \(.email) \(.role) \(.employee_id) \(.company_id) \(.scopes|join(","))"' "$work/creds.json")" = "user admin@acme.test admin 1001 $CO employees,time_off"
r2=$(refresh "$rt1"); at2=$(jq -r .access_token <<<"$r2"); rt2=$(jq -r .refresh_token <<<"$r2")
check "refresh gives a new refresh token" test -n "$rt2" -a "$rt2" != "$rt1" -a "$rt2" != null
r3=$(refresh "$rt1")
check "on-use: old refresh token still works before the new access token is used" test "$(jq -r '.access_token // empty' <<<"$r3")" != ""
check "credentials with refreshed token 200" test "$(creds_status "$at2")" = 200
check "on-use: old refresh token now invalid_grant" test "$(refresh "$rt1" | jq -r .error)" = invalid_grant
pair=$(pkce_pair)
code=$(query_param "$(browse admin@acme.test pw-admin "$B/oauth/authorize?client_id=$CID&redirect_uri=$ENC_REDIRECT&response_type=code&code_challenge=${pair#* }&code_challenge_method=S256")" code)
check "wrong code_verifier -> invalid_grant" test "$(token -d grant_type=authorization_code -d "code=$code" -d "redirect_uri=$REDIRECT" -d "client_id=$CID" -d "client_secret=$SECRET" -d code_verifier=wrong | jq -r .error)" = invalid_grant
code=$(query_param "$(browse admin@acme.test pw-admin "$B/oauth/authorize?client_id=$CID&redirect_uri=$ENC_REDIRECT&response_type=code")" code)
check "HTTP Basic client auth" test "$(token -u "$CID:$SECRET" -d grant_type=authorization_code -d "code=$code" -d "redirect_uri=$REDIRECT" | jq -r .scope)" = "employees time_off"

echo "# (b) company tokens"
redir=$(browse admin@acme.test pw-admin "$B/oauth/authorize?client_id=$CID&redirect_uri=$ENC_REDIRECT&response_type=code&scope=employees&state=st-b&resource_owner_type=company")
ctok=$(token -d grant_type=authorization_code -d "code=$(query_param "$redir" code)" -d "redirect_uri=$REDIRECT" -d "client_id=$CID" -d "client_secret=$SECRET")
check "company token has no expires_in and no refresh_token" test "$(jq -c '[has("expires_in"), has("refresh_token"), has("access_token")]' <<<"$ctok")" = '[false,false,true]'
cat1=$(jq -r .access_token <<<"$ctok")
check "credentials company item" test "$(creds_status "$cat1"; echo " $(jq -r '.data[0] | "\(.resource_owner_type) \(.name) \(.legal_name) \(.company_id)"' "$work/creds.json")")" = "200 company ACME ACME Sociedad Limitada $CO"
redir=$(browse basic@acme.test pw-basic "$B/oauth/authorize?client_id=$CID&redirect_uri=$ENC_REDIRECT&response_type=code&scope=employees&state=st-b2&resource_owner_type=company")
check "basic user asking for company -> access_denied with state" test "$(query_param "$redir" error) $(query_param "$redir" state)" = "access_denied st-b2"

echo "# (c) public app, no secret, PKCE"
pair=$(pkce_pair); verifier=${pair% *}; challenge=${pair#* }
redir=$(browse basic@acme.test pw-basic "$B/oauth/authorize?client_id=$PUB&redirect_uri=$ENC_REDIRECT&response_type=code&state=st-c&code_challenge=$challenge&code_challenge_method=S256")
ptok=$(token -d grant_type=authorization_code -d "code=$(query_param "$redir" code)" -d "redirect_uri=$REDIRECT" -d "client_id=$PUB" -d "code_verifier=$verifier")
check "public app token (scope defaults to the app's)" test "$(jq -r '"\(.expires_in) \(.scope)"' <<<"$ptok")" = "3600 employees"
check "public app refresh without secret" test "$(token -d grant_type=refresh_token -d "refresh_token=$(jq -r .refresh_token <<<"$ptok")" -d "client_id=$PUB" | jq -r '.access_token // .error' | wc -c)" -gt 20

echo "# (d) deny, error pages"
redir=$(browse basic@acme.test pw-basic "$B/oauth/authorize?client_id=$CID&redirect_uri=$ENC_REDIRECT&response_type=code&state=st-d" deny)
check "deny -> error=access_denied with state" test "$(query_param "$redir" error) $(query_param "$redir" state)" = "access_denied st-d"
check "unknown client -> ERROR-PAGE" grep -q '^ERROR-PAGE ' <<<"$(browse basic@acme.test pw-basic "$B/oauth/authorize?client_id=nope&redirect_uri=$ENC_REDIRECT&response_type=code")"
check "wrong redirect URI -> ERROR-PAGE" grep -q '^ERROR-PAGE ' <<<"$(browse basic@acme.test pw-basic "$B/oauth/authorize?client_id=$CID&redirect_uri=factorial-connect%3A%2F%2Fother&response_type=code")"
check "bad password -> ERROR-PAGE login failed" test "$(browse basic@acme.test wrong "$B/oauth/authorize?client_id=$CID&redirect_uri=$ENC_REDIRECT&response_type=code")" = "ERROR-PAGE 401 login failed"

echo "# (e) revoke"
check "revoke 200" test "$(curl -sS -o /dev/null -w '%{http_code}' "$B/oauth/revoke" -d "token=$at2" -d "client_id=$CID" -d "client_secret=$SECRET")" = 200
check "revoked token -> credentials 401 JSON" test "$(creds_status "$at2") $(jq -r .error "$work/creds.json")" = "401 invalid_token"

echo "# (g) access_token_ttl=2"
post_json /sandbox/settings '{"access_token_ttl": 2}' >/dev/null
short=$(user_token basic@acme.test pw-basic)
check "short token expires_in 2" test "$(jq -r .expires_in <<<"$short")" = 2
check "short token works at once" test "$(creds_status "$(jq -r .access_token <<<"$short")")" = 200
sleep 3
check "after 3 s credentials 401" test "$(creds_status "$(jq -r .access_token <<<"$short")")" = 401
post_json /sandbox/settings '{"access_token_ttl": 3600}' >/dev/null
check "company token still valid after the ttl change" test "$(creds_status "$cat1")" = 200
echo "# (h) refresh_token_ttl=2"
post_json /sandbox/settings '{"refresh_token_ttl": 2}' >/dev/null
young=$(user_token basic@acme.test pw-basic)
check "a young refresh token refreshes" test "$(refresh "$(jq -r .refresh_token <<<"$young")" | jq -r '.access_token // .error' | wc -c)" -gt 20
old=$(user_token basic@acme.test pw-basic)
sleep 3
r=$(refresh "$(jq -r .refresh_token <<<"$old")"); check "after 3 s the refresh token -> invalid_grant" test "$(jq -r .error <<<"$r")" = invalid_grant
post_json /sandbox/settings '{"refresh_token_ttl": null}' >/dev/null
check "/sandbox/tokens lists revoked flags" test "$(curl -sS "$B/sandbox/tokens?client_id=$CID" | jq '[.[] | select(.revoked)] | length')" -ge 2

echo "# (f) --rotation immediate"
start_server immediate
seed
tok=$(user_token admin@acme.test pw-admin); rt1=$(jq -r .refresh_token <<<"$tok")
r2=$(refresh "$rt1")
check "refresh works" test "$(jq -r '.refresh_token // empty' <<<"$r2")" != ""
check "immediate: old refresh token fails at once" test "$(refresh "$rt1" | jq -r .error)" = invalid_grant

echo "# $fails failure(s)"
[ "$fails" -eq 0 ]
