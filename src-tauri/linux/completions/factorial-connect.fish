# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_factorial_connect_global_optspecs
    string join \n h/help V/version
end

function __fish_factorial_connect_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_factorial_connect_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_factorial_connect_using_subcommand
    set -l cmd (__fish_factorial_connect_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -s V -l version -d 'Print the version'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "apps" -d 'Add, list, edit or remove Factorial OAuth applications.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "authorize" -d 'Connect an application to a Factorial account: opens the browser and waits for the answer.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "token" -d 'Print a valid access token (refreshed first if it expires within a minute) and nothing else.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "exec" -d 'Run a command with a fresh access token (at least ten minutes left) in FACTORIAL_ACCESS_TOKEN and the API\'s address in FACTORIAL_API_URL; ends with the command\'s exit code. The token never appears on a command line.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "status" -d 'Show every application and its connected accounts.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "whoami" -d 'Ask Factorial who an account\'s token belongs to.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "refresh" -d 'Refresh an account\'s access token now.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "publish" -d 'Share an account\'s access token with your company\'s secrets manager (OpenBao or Vault), where servers read it. This computer stays the only one that refreshes it; the refresh token and the client secret never leave it.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "revoke" -d 'Revoke an account\'s tokens at Factorial and forget them here.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "forget" -d 'Forget an account\'s tokens on this computer only (they stay valid at Factorial).'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "keeper" -d 'Keep alive, on a server, the accounts desktops handed over: each is refreshed when due by exactly one of the keepers watching the folder, and its new token published where servers read it. Runs until stopped; logs to standard error. No window, keychain or data folder is used.'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "completions" -d 'Print a completion script for a shell. The Linux packages already install bash\'s, zsh\'s and fish\'s. Elsewhere, for example: factorial-connect completions bash > ~/.local/share/bash-completion/completions/factorial-connect; in PowerShell, add this line to your profile: factorial-connect completions powershell | Out-String | Invoke-Expression'
complete -c factorial-connect -n "__fish_factorial_connect_needs_command" -f -a "help" -d 'Print this help, or the help of the given command'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and not __fish_seen_subcommand_from add list edit remove help" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and not __fish_seen_subcommand_from add list edit remove help" -f -a "add" -d 'Add an application. The client secret is read from standard input (or asked for, hidden, on a terminal).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and not __fish_seen_subcommand_from add list edit remove help" -f -a "list" -d 'List applications.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and not __fish_seen_subcommand_from add list edit remove help" -f -a "edit" -d 'Change an application: its name, client secret, scopes or how long its refresh tokens live; its environment and client ID only while no account is connected. Give at least one change.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and not __fish_seen_subcommand_from add list edit remove help" -f -a "remove" -d 'Remove an application, its secret and its accounts\' tokens from this computer.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and not __fish_seen_subcommand_from add list edit remove help" -f -a "help" -d 'Print this help, or the help of the given command'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from add" -l client-id -d 'As shown on the application\'s page in Factorial. It may start with "-".' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from add" -l env -d 'production (the default), demo, or the base URL of another Factorial server.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from add" -l redirect-uri -d 'Exactly as registered in Factorial (the default is factorial-connect://oauth/callback).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from add" -l scopes -d 'Space-separated scopes (empty: the application\'s own scopes).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from add" -l refresh-token-life -d 'How long the server\'s refresh tokens live, like 7d, 12h or 30m (the default is 7d, Factorial\'s); the app refreshes well inside it.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from add" -l public -d 'A public (non-confidential) application, without a client secret.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from add" -l no-pkce -d 'Do not send PKCE (only for a server that rejects it).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from edit" -l rename -d 'A new name for it.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from edit" -l scopes -d 'Space-separated scopes for the next authorization (empty: the application\'s own scopes).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from edit" -l env -d 'production, demo, or the base URL of another Factorial server (only while no account is connected).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from edit" -l client-id -d 'A new client ID (only while no account is connected). It may start with "-".' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from edit" -l refresh-token-life -d 'How long the server\'s refresh tokens live, like 7d, 12h or 30m.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from edit" -l new-secret -d 'Read a new client secret from standard input (or ask for it, hidden, on a terminal), for example after a new one was made in Factorial.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an application. The client secret is read from standard input (or asked for, hidden, on a terminal).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "list" -d 'List applications.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change an application: its name, client secret, scopes or how long its refresh tokens live; its environment and client ID only while no account is connected. Give at least one change.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an application, its secret and its accounts\' tokens from this computer.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this help, or the help of the given command'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand authorize" -l timeout -d 'Give up after this many seconds (default: when the link expires, 10 minutes).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand authorize" -l company -d 'Ask for a company token (an admin must authorize it; it never expires).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand authorize" -l no-browser -d 'Do not open a browser; only print the address to open.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand authorize" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand token" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand token" -l json -d 'Print the token with its expiry, scopes, account and the API\'s address, as JSON.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand token" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand exec" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand exec" -l keep-fresh -d 'For a command that runs longer than a token lives: FACTORIAL_ACCESS_TOKEN_FILE names a file only you can read, rewritten with a fresh token before each expiry while the command runs, and removed when it ends (FACTORIAL_ACCESS_TOKEN holds only the first token).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand exec" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand status" -l json -d 'Machine-readable output.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand status" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand whoami" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand whoami" -l json -d 'Machine-readable output.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand refresh" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand refresh" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and not __fish_seen_subcommand_from add list test remove hand-over help" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and not __fish_seen_subcommand_from add list test remove hand-over help" -f -a "add" -d 'Share an account\'s token at a KV version 2 entry, and publish it there now and after every refresh. The login (a token, or with --approle the AppRole\'s secret ID) is read from standard input (or asked for, hidden, on a terminal) and kept in the keychain.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and not __fish_seen_subcommand_from add list test remove hand-over help" -f -a "list" -d 'List the accounts shared with a secrets manager: where, the version published last and when, or why not.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and not __fish_seen_subcommand_from add list test remove hand-over help" -f -a "test" -d 'Try an account\'s destination: read back what was published last (or, before anything is, create the entry as publishing would, without a token).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and not __fish_seen_subcommand_from add list test remove hand-over help" -f -a "remove" -d 'Stop sharing an account\'s token: its versions are destroyed on the server (a marker without any token stays), then the destination and its login are forgotten here.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and not __fish_seen_subcommand_from add list test remove hand-over help" -f -a "hand-over" -d 'Hand a shared account over to keepers (factorial-connect keeper, on a server): its refresh token and the application\'s client secret are written once to a private entry they read, and from then on this computer never refreshes it; token and exec read the token the keepers publish.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and not __fish_seen_subcommand_from add list test remove hand-over help" -f -a "help" -d 'Print this help, or the help of the given command'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from add" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from add" -l address -d 'The secrets manager\'s address, for example https://vault.example.com:8200.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from add" -l mount -d 'The KV version 2 secrets engine\'s mount (the default is secret).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from add" -l path -d 'The entry\'s path in that mount, for example factorial/payroll.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from add" -l namespace -d 'The namespace, on Vault Enterprise or an OpenBao with namespaces.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from add" -l ca-file -d 'A PEM file with your company\'s certificate authority, when the server\'s certificate is signed by it.' -r -F
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from add" -l approle -d 'Log in with AppRole, with this role ID (the secret ID is read like a token).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from test" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from remove" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from remove" -l here-only -d 'Forget the destination here without asking the server (one that is gone for good); what was published stays there.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from hand-over" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from hand-over" -l folder -d 'The keepers\' folder in the same mount (the default is factorial-connect-keeper); only the keepers\' policy should read it.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from hand-over" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from help" -f -a "add" -d 'Share an account\'s token at a KV version 2 entry, and publish it there now and after every refresh. The login (a token, or with --approle the AppRole\'s secret ID) is read from standard input (or asked for, hidden, on a terminal) and kept in the keychain.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the accounts shared with a secrets manager: where, the version published last and when, or why not.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from help" -f -a "test" -d 'Try an account\'s destination: read back what was published last (or, before anything is, create the entry as publishing would, without a token).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Stop sharing an account\'s token: its versions are destroyed on the server (a marker without any token stays), then the destination and its login are forgotten here.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from help" -f -a "hand-over" -d 'Hand a shared account over to keepers (factorial-connect keeper, on a server): its refresh token and the application\'s client secret are written once to a private entry they read, and from then on this computer never refreshes it; token and exec read the token the keepers publish.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand publish; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this help, or the help of the given command'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand revoke" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand revoke" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand forget" -l account -d 'Which account, when the application has several (its id, e-mail or company id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand forget" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l address -d 'The secrets manager\'s address (or BAO_ADDR).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l mount -d 'The KV version 2 secrets engine\'s mount (the default is secret).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l folder -d 'The folder where desktops hand accounts over (the default is factorial-connect-keeper).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l namespace -d 'The namespace, on Vault Enterprise or an OpenBao with namespaces (or BAO_NAMESPACE).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l ca-file -d 'A PEM file with your company\'s certificate authority (or BAO_CACERT).' -r -F
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l approle -d 'Log in with AppRole, with this role ID; the login file then holds the secret ID.' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l login-file -d 'The file holding the keeper\'s token (or AppRole secret ID); by default the credential openbao-login that systemd passes.' -r -F
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l name -d 'This keeper\'s name in the leases it writes (the default is the host\'s name and the process id).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l lease-seconds -d 'How long one keeper holds an account while refreshing it before another may (the default is 120).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -l scan-seconds -d 'How often the folder is listed for accounts handed over or taken back (the default is 60).' -r
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand keeper" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand completions" -s h -l help -d 'Print help'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "apps" -d 'Add, list, edit or remove Factorial OAuth applications.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "authorize" -d 'Connect an application to a Factorial account: opens the browser and waits for the answer.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "token" -d 'Print a valid access token (refreshed first if it expires within a minute) and nothing else.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "exec" -d 'Run a command with a fresh access token (at least ten minutes left) in FACTORIAL_ACCESS_TOKEN and the API\'s address in FACTORIAL_API_URL; ends with the command\'s exit code. The token never appears on a command line.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "status" -d 'Show every application and its connected accounts.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "whoami" -d 'Ask Factorial who an account\'s token belongs to.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "refresh" -d 'Refresh an account\'s access token now.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "publish" -d 'Share an account\'s access token with your company\'s secrets manager (OpenBao or Vault), where servers read it. This computer stays the only one that refreshes it; the refresh token and the client secret never leave it.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "revoke" -d 'Revoke an account\'s tokens at Factorial and forget them here.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "forget" -d 'Forget an account\'s tokens on this computer only (they stay valid at Factorial).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "keeper" -d 'Keep alive, on a server, the accounts desktops handed over: each is refreshed when due by exactly one of the keepers watching the folder, and its new token published where servers read it. Runs until stopped; logs to standard error. No window, keychain or data folder is used.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "completions" -d 'Print a completion script for a shell. The Linux packages already install bash\'s, zsh\'s and fish\'s. Elsewhere, for example: factorial-connect completions bash > ~/.local/share/bash-completion/completions/factorial-connect; in PowerShell, add this line to your profile: factorial-connect completions powershell | Out-String | Invoke-Expression'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and not __fish_seen_subcommand_from apps authorize token exec status whoami refresh publish revoke forget keeper completions help" -f -a "help" -d 'Print this help, or the help of the given command'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "add" -d 'Add an application. The client secret is read from standard input (or asked for, hidden, on a terminal).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "list" -d 'List applications.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "edit" -d 'Change an application: its name, client secret, scopes or how long its refresh tokens live; its environment and client ID only while no account is connected. Give at least one change.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "remove" -d 'Remove an application, its secret and its accounts\' tokens from this computer.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from publish" -f -a "add" -d 'Share an account\'s token at a KV version 2 entry, and publish it there now and after every refresh. The login (a token, or with --approle the AppRole\'s secret ID) is read from standard input (or asked for, hidden, on a terminal) and kept in the keychain.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from publish" -f -a "list" -d 'List the accounts shared with a secrets manager: where, the version published last and when, or why not.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from publish" -f -a "test" -d 'Try an account\'s destination: read back what was published last (or, before anything is, create the entry as publishing would, without a token).'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from publish" -f -a "remove" -d 'Stop sharing an account\'s token: its versions are destroyed on the server (a marker without any token stays), then the destination and its login are forgotten here.'
complete -c factorial-connect -n "__fish_factorial_connect_using_subcommand help; and __fish_seen_subcommand_from publish" -f -a "hand-over" -d 'Hand a shared account over to keepers (factorial-connect keeper, on a server): its refresh token and the application\'s client secret are written once to a private entry they read, and from then on this computer never refreshes it; token and exec read the token the keepers publish.'
