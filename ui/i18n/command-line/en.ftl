# What the command line says itself, in English: its help (factorial-connect --help), usage errors
# and notes. The window does not ship this file; the command line loads it together with ../en.ftl.
#
# Each command is `help-<command path>`: its value describes the command, and one attribute per
# argument or option (named as in the code: client_id, no_browser) describes that; a test keeps
# them in step with the command line (crates/connect-cli/src/cli/help.rs).

help = Connect tools to Factorial HR's API. With no arguments, opens the window.
help-apps = Add, list, edit or remove Factorial OAuth applications.
help-apps-add = Add an application. The client secret is read from standard input (or asked for, hidden, on a terminal).
    .name = What you call the application here, for example "Payroll sync".
    .client_id = As shown on the application's page in Factorial. It may start with "-".
    .env = production (the default), demo, or the base URL of another Factorial server.
    .redirect_uri = Exactly as registered in Factorial (the default is factorial-connect://oauth/callback).
    .scopes = Space-separated scopes (empty: the application's own scopes).
    .public = A public (non-confidential) application, without a client secret.
    .no_pkce = Do not send PKCE (only for a server that rejects it).
    .refresh_token_life = How long the server's refresh tokens live, like 7d, 12h or 30m (the default is 7d, Factorial's); the app refreshes well inside it.
help-apps-list = List applications.
    .json = Machine-readable output.
help-apps-edit = Change an application: its name, client secret, scopes or how long its refresh tokens live; its environment and client ID only while no account is connected. Give at least one change.
    .name = The application's current name.
    .rename = A new name for it.
    .new_secret = Read a new client secret from standard input (or ask for it, hidden, on a terminal), for example after a new one was made in Factorial.
    .scopes = Space-separated scopes for the next authorization (empty: the application's own scopes).
    .env = production, demo, or the base URL of another Factorial server (only while no account is connected).
    .client_id = A new client ID (only while no account is connected). It may start with "-".
    .refresh_token_life = How long the server's refresh tokens live, like 7d, 12h or 30m.
help-apps-remove = Remove an application, its secret and its accounts' tokens from this computer.
    .name = The application's name.
help-authorize = Connect an application to a Factorial account: opens the browser and waits for the answer.
    .app = The application's name.
    .company = Ask for a company token (an admin must authorize it; it never expires).
    .no_browser = Do not open a browser; only print the address to open.
    .timeout = Give up after this many seconds (default: when the link expires, 10 minutes).
help-token = Print a valid access token (refreshed first if it expires within a minute) and nothing else.
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
    .json = Print the token with its expiry, scopes, account and the API's address, as JSON.
help-exec = Run a command with a fresh access token (at least ten minutes left) in FACTORIAL_ACCESS_TOKEN and the API's address in FACTORIAL_API_URL; ends with the command's exit code. The token never appears on a command line.
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
    .keep_fresh = For a command that runs longer than a token lives: FACTORIAL_ACCESS_TOKEN_FILE names a file only you can read, rewritten with a fresh token before each expiry while the command runs, and removed when it ends (FACTORIAL_ACCESS_TOKEN holds only the first token).
    .command = The command and its arguments, after --, for example: -- curl -H "Authorization: Bearer $FACTORIAL_ACCESS_TOKEN" …
help-status = Show every application and its connected accounts.
    .json = Machine-readable output.
help-whoami = Ask Factorial who an account's token belongs to.
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
    .json = Machine-readable output.
help-refresh = Refresh an account's access token now.
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
help-publish = Share an account's access token with your company's secrets manager (OpenBao or Vault), where servers read it. This computer stays the only one that refreshes it; the refresh token and the client secret never leave it.
help-publish-add = Share an account's token at a KV version 2 entry, and publish it there now and after every refresh. The login (a token, or with --approle the AppRole's secret ID) is read from standard input (or asked for, hidden, on a terminal) and kept in the keychain.
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
    .address = The secrets manager's address, for example https://vault.example.com:8200.
    .mount = The KV version 2 secrets engine's mount (the default is secret).
    .path = The entry's path in that mount, for example factorial/payroll.
    .namespace = The namespace, on Vault Enterprise or an OpenBao with namespaces.
    .ca_file = A PEM file with your company's certificate authority, when the server's certificate is signed by it.
    .approle = Log in with AppRole, with this role ID (the secret ID is read like a token).
help-publish-list = List the accounts shared with a secrets manager: where, the version published last and when, or why not.
    .json = Machine-readable output.
help-publish-test = Try an account's destination: read back what was published last (or, before anything is, create the entry as publishing would, without a token).
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
help-publish-remove = Stop sharing an account's token: its versions are destroyed on the server (a marker without any token stays), then the destination and its login are forgotten here.
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
    .here_only = Forget the destination here without asking the server (one that is gone for good); what was published stays there.
help-publish-hand-over = Hand a shared account over to keepers (factorial-connect keeper, on a server): its refresh token and the application's client secret are written once to a private entry they read, and from then on this computer never refreshes it; token and exec read the token the keepers publish.
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
    .folder = The keepers' folder in the same mount (the default is factorial-connect-keeper); only the keepers' policy should read it.
help-keeper = Keep alive, on a server, the accounts desktops handed over: each is refreshed when due by exactly one of the keepers watching the folder, and its new token published where servers read it. Runs until stopped; logs to standard error. No window, keychain or data folder is used.
    .address = The secrets manager's address (or BAO_ADDR).
    .mount = The KV version 2 secrets engine's mount (the default is secret).
    .folder = The folder where desktops hand accounts over (the default is factorial-connect-keeper).
    .namespace = The namespace, on Vault Enterprise or an OpenBao with namespaces (or BAO_NAMESPACE).
    .ca_file = A PEM file with your company's certificate authority (or BAO_CACERT).
    .approle = Log in with AppRole, with this role ID; the login file then holds the secret ID.
    .login_file = The file holding the keeper's token (or AppRole secret ID); by default the credential openbao-login that systemd passes.
    .name = This keeper's name in the leases it writes (the default is the host's name and the process id).
    .lease_seconds = How long one keeper holds an account while refreshing it before another may (the default is 120).
    .scan_seconds = How often the folder is listed for accounts handed over or taken back (the default is 60).
help-revoke = Revoke an account's tokens at Factorial and forget them here.
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
help-forget = Forget an account's tokens on this computer only (they stay valid at Factorial).
    .app = The application's name.
    .account = Which account, when the application has several (its id, e-mail or company id).
help-completions = Print a completion script for a shell. The Linux packages already install bash's, zsh's and fish's. Elsewhere, for example: factorial-connect completions bash > ~/.local/share/bash-completion/completions/factorial-connect; in PowerShell, add this line to your profile: factorial-connect completions powershell | Out-String | Invoke-Expression
    .shell = bash, zsh, fish, powershell or elvish.

# What clap adds to every command.
builtin-help-flag = Print help
builtin-version-flag = Print the version
builtin-help-command = Print this help, or the help of the given command
    .subcommand = The command whose help to print

heading-usage = Usage:
heading-commands = Commands:
heading-arguments = Arguments:
heading-options = Options:

# A command line that could not be understood. `command` is how to ask for help, for example
# "factorial-connect authorize --help".
usage-error = error: { $problem }

    { $usage }

    For more information, run: { $command }
usage-unknown-argument = unexpected argument “{ $argument }”.{ $has_suggestion ->
    [yes] { " " }Did you mean “{ $suggestion }”?
   *[no] {""}
}
usage-unknown-command = “{ $argument }” is not a command.{ $has_suggestion ->
    [yes] { " " }Did you mean “{ $suggestion }”?
   *[no] {""}
}
usage-missing = missing: { $argument }.
usage-missing-choice = say what to change: one or more of { $options }.
usage-invalid-value = “{ $value }” is not a valid value for { $argument }.{ $has_valid ->
    [yes] { " " }It can be: { $valid }.
   *[no] {""}
}
usage-no-value = { $argument } needs a value.
usage-repeated = { $argument } may be given only once.
usage-conflict = { $argument } cannot be used together with { $other }.
usage-other = { $problem }

## What the command line says (errors come from the `error-` messages of ../en.ftl, which is
## loaded with this file)

cli-error = error: { $text }
cli-token-of = { $kind ->
    [company] Company
   *[user] User
} token, account { $account } of “{ $app }”
cli-refreshed = Refreshed { $label } ({ $account }); { $expiry }.
cli-revoked = Revoked the tokens of { $label } ({ $account }) at Factorial and removed them here.
cli-forgot = Forgot the tokens of { $label } ({ $account }) on this computer. They stay valid at Factorial until revoked.
cli-forgot-company = Forgot the company token of { $label } ({ $account }) on this computer only. It never expires and still acts for the whole company at Factorial; nothing here can revoke it now. If nobody needs it, revoke it in Factorial (OAuth applications → this application). Next time, factorial-connect revoke ends a token at Factorial and here at once.
cli-no-apps = No applications yet. Add one with: factorial-connect apps add NAME --client-id ID
cli-status-app = { $name } ({ $environment }, client { $client_id })
cli-unidentified-unknown = Factorial has not said whose this token is; ask again: factorial-connect whoami { $app }
cli-status-not-connected = not connected — run: factorial-connect authorize { $app }
cli-status-account = { $kind ->
    [company] company
   *[user] user
} token, { $health }
cli-added = Added “{ $name }” ({ $environment }). Connect it with: factorial-connect authorize { $app }
cli-edited = Saved the changes to “{ $name }”.
cli-could-not-write = error: could not write the answer ({ $problem }).
cli-removed = Removed “{ $name }” and its secrets from this computer. Its tokens stay valid at Factorial until revoked there.
cli-connect-intro = To connect “{ $app }” ({ $kind ->
    [company] company
   *[user] user
} token), open this address and press Authorize:
cli-browser-opened = Opened your browser.
cli-waiting = Waiting for Factorial…
cli-waiting-paste = Waiting for Factorial… If the browser does not come back here, paste the address it ended on (or the code it shows) and press Enter.
cli-cancelled = Cancelled.
cli-no-display = factorial-connect: there is no graphical display here, so the window cannot open. Use the command line instead (factorial-connect --help), or run it inside your desktop session.
cli-window-missing = factorial-connect: the window could not be started from { $path } ({ $problem }). Reinstall Factorial Connect; the command line works without it (factorial-connect --help).
cli-window-failed = factorial-connect: the window could not start ({ $problem }).
cli-window-cannot-load = factorial-connect: the window program ({ $path }) could not start: { $reason ->
    [dll-missing] Windows could not find a library it needs (a DLL such as WebView2Loader.dll)
    [bad-image] it is damaged or made for another kind of computer
    [entry-point] a library it uses is of the wrong version
   *[dll-init] a library it needs failed to start
} (Windows status { $status }). Reinstall Factorial Connect from its installer. The command line works without the window: factorial-connect --help.
window-cannot-open-title = Factorial Connect cannot open its window
window-no-webview = This computer does not have Microsoft Edge WebView2 Runtime, which Factorial Connect needs to draw its window.

    Install it from Microsoft's page https://developer.microsoft.com/microsoft-edge/webview2/ (the "Evergreen Bootstrapper"), then open Factorial Connect again. Your applications and tokens are kept safe in the meantime, and the command line works without the window: open a terminal and run factorial-connect --help.

    Details for support: { $problem }
window-crashed-title = Factorial Connect has stopped
window-crashed = Factorial Connect met an error it did not expect and had to close (at { $place }). Your applications and tokens are safe.

    Open it again. If this keeps happening, please report it with the place above and what you were doing. The command line still works: factorial-connect --help.
cli-could-not-start = factorial-connect: could not start ({ $problem }).
cli-links-not-registered = factorial-connect: could not register the factorial-connect:// links ({ $problem }). Authorizations still work by pasting the address the browser ends on.
cli-not-watching = factorial-connect: cannot watch the data folder ({ $problem }); the window shows changes made elsewhere only after its own next action.
cli-json-failed = error: could not write the JSON answer ({ $problem }).
cli-connected = Connected “{ $app }” to { $label } (account { $account }).
cli-pkce-turned-on = note: PKCE is now on for “{ $app }”: a public application cannot work safely without it.
cli-never-expires = never expires
cli-expires-in = expires in { $span }
cli-expires-soon = expires in { $span } (refreshed on next use)
cli-expired-ago = expired { $span } ago (refreshed on next use)
cli-needs-you = needs you to connect again ({ attention })
cli-keep-fresh-failed = warning: the token could not be renewed for the running command. { $text } Trying again shortly; the file keeps the current token until then.
cli-exec-failed = factorial-connect: could not run “{ $program }” ({ $problem }).
cli-stays-connected = ; the refresh token lasts { $span } more
cli-no-tray = factorial-connect: the tray icon could not be made ({ $problem }); closing the window quits.
cli-notice-failed = factorial-connect: a notification could not be shown ({ $problem }).

# The hidden prompt for a client secret typed at a terminal.
cli-server-token-prompt = Token for the secrets manager (input hidden):{" "}
cli-approle-secret-prompt = AppRole secret ID (input hidden):{" "}
cli-shared = Sharing the token of { $label } ({ $account }) at { $server }, entry { $entry } (version { $version } written). Each new token is published there after its refresh: by the window while it runs, and by factorial-connect refresh.
cli-share-tested = { $server } works: the entry { $entry } { $version ->
    [0] could be created, read back and marked as a test, without any token.
   *[other] holds version { $version }, the one Factorial Connect wrote last.
}
cli-unshared = Stopped sharing the token of { $label } ({ $account }) at { $server }. { $here_only ->
    [yes] Forgotten here only: what was published stays in { $entry }.
   *[no] The entry { $entry } holds no token any more.
}
cli-publish-failed = warning: the refresh worked, but the new token was not shared. { $text } Factorial Connect tries again while its window is open.
cli-no-shares = No account is shared with a secrets manager. Share one with: factorial-connect publish add APP --address URL --path PATH
cli-share-line = { $app } / { $account } → { $server }, { $entry }: { $state }
cli-share-left-behind = warning: the copy shared at { $server } could not be taken back. { $text } Have the entry { $entry } deleted there: it may hold a token that still works.
cli-share-published = version { $version }, published { $span } ago
cli-share-waiting = not published yet
cli-kept-by-keepers = kept alive on a server by its keepers
cli-share-kept = kept alive by the keepers there for { $span } (private entry { $private })
cli-handed-over = { $label } ({ $account }) is handed over to the keepers on { $server }: its refresh token and the application's client secret are in { $private }, which only the keepers' policy should read. This computer no longer refreshes it; factorial-connect token and exec read the token the keepers publish at { $entry }.
cli-keeper-started = Keeper { $name } started: keeping the accounts handed over in { $folder } on { $server } alive, and publishing each new token.
cli-keeper-stopped = Keeper { $name } stopped.
cli-keeper-watching = { $count ->
    [0] No account handed over in { $folder } yet.
    [one] One account handed over in { $folder }.
   *[other] { $count } accounts handed over in { $folder }.
}
cli-keeper-list-failed = The folder { $folder } could not be listed. { $text } Tried again in a minute.
cli-keeper-refreshed = { $account }: refreshed (rotation { $rotations }) and published as version { $version }.
cli-keeper-refreshed-unpublished = { $account }: refreshed (rotation { $rotations }), but the new token was not published. { $text } Tried again shortly.
cli-keeper-published = { $account }: published as version { $version }.
cli-keeper-refused = { $account }: Factorial refused its refresh token, so it is no longer kept alive. Connect the account again on a desktop, have its entry deleted here, and hand it over again.
cli-keeper-failed = { $account }: { $text } Tried again shortly.
cli-share-failing = failing, tried again in { $span }: { $text }
cli-share-stopped = stopped: { $text } To share again: factorial-connect publish remove, then publish add.
cli-secret-prompt = Client secret (shown once by Factorial; input hidden):{" "}
# Why a duration such as 7d cannot be read.
cli-duration-problem = { $why ->
    [no_unit] no unit (d, h, m or s)
    [no_number] no number
    [too_long] too long
   *[unknown_unit] the unit is d, h, m or s
}

## The manual pages' own sections (the rest of a page is the help above)

manual-see-also = SEE ALSO
manual-exit-status = EXIT STATUS
manual-exit-0 = Done.
manual-exit-1 = An unexpected failure.
manual-exit-2 = Wrong usage: a bad argument or value, a name already taken, or several accounts and no --account.
manual-exit-3 = No such application or account, or not connected yet.
manual-exit-4 = The account must be connected again (Factorial refused its refresh token or access token), or cannot be refreshed (a company token).
manual-exit-5 = Factorial could not be reached, did not answer in time, or answered something unreadable.
manual-exit-6 = The keychain is missing, locked or not answering, or a secret is missing from it.
manual-exit-7 = The authorization was denied, refused, cancelled or timed out, or Factorial refused its code.
manual-exit-8 = The data folder could not be read or written, or its file is damaged or from a newer version (it is left untouched).
manual-exit-9 = Busy: another Factorial Connect process held the account or the data folder for too long; try again.
manual-exit-10 = The secrets manager an account is shared with could not be reached, refused, or holds someone else's version; the account's tokens are fine.
