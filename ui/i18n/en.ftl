# Factorial Connect — English.
#
# The one source of every sentence the admin reads: the window shows a message's value, the command
# line its `.cli` attribute when it has one (it names commands where the window names buttons).
# Errors are `error-<code>`, their parameters flattened into variables (see the README's "Codes, not
# sentences"): nested values by their own names, lists joined with commas, and `has_<name>` is "yes"
# when a value is given.

-app = Factorial Connect

# A field of an application, by `$field`.
field-name = { $field ->
    [name] name
    [environment] base URL
    [client_id] client ID
    [client_secret] client secret
    [redirect_uri] redirect URI
    [scopes] scopes
    [pkce] PKCE setting
    [refresh_lifetime] refresh-token life
    [request] request
    [server_address] secrets manager's address
    [server_mount] mount
    [server_path] entry path
    [server_namespace] namespace
    [server_login] AppRole role ID
    [server_secret] secrets manager login
    [keeper_folder] keeper folder
    [keeper_login] keeper's login file
   *[timeout] waiting time
}

# What Factorial said about a refusal, when it said something.
provider-said = { $has_description ->
    [yes] { " " }Factorial’s words: “{ $description }”.
   *[no] {""}
}

# Where a copy of an unreadable file was kept, if one was.
backup-kept = { $has_backup ->
    [yes] { " " }A copy was kept at { $backup }.
   *[no] {""}
}

error-invalid_input = { $issue ->
    [empty] { $field ->
        [name] Give the application a name, for example “Payroll sync”.
        [environment] Choose an environment: production, demo, or the base URL of another Factorial server.
        [client_id] The client ID is empty. Copy it from the application's page in Factorial (OAuth applications → your application).
        [server_address] Give the secrets manager's address, for example https://vault.example.com:8200.
        [server_mount] Give the mount of the KV version 2 secrets engine, for example secret.
        [server_path] Give the entry's path in that mount, for example factorial/payroll.
        [server_login] Give the AppRole's role ID; whoever runs the secrets manager has it.
        [server_secret] Give the token (or, with AppRole, the secret ID) that whoever runs the secrets manager gave you.
        [keeper_login] The keeper has no login to the secrets manager: its file was not given, or is empty. Put the keeper's token (or, with --approle, its secret ID) in /etc/factorial-connect/openbao-login and start it from its systemd unit, or give the file with --login-file.
       *[other] The { field-name } is empty.
    }
    [too_long] The { field-name } is too long; keep it under { $max } characters.
    [control_characters] The { field-name } contains invisible characters (control, zero-width or direction-changing ones) that could make it read as something else; type it again.
    [looks_like_address] The { field-name } may not look like an address or start with “-”; choose a plain name.
    [not_one_word] { $field ->
        [server_mount] The mount is one name without slashes, for example secret; the rest belongs in the entry path.
        [server_login] The AppRole role ID should be one word without spaces. Copy it again from whoever gave it to you.
       *[other] The { field-name } should be one word without spaces. Copy it again from the application's page in Factorial.
    }
    [not_a_path] { $field ->
        [keeper_folder] The keeper folder must be a folder of its own, outside the folder of the entry servers read (for example factorial-connect-keeper): whoever may read published tokens must not read the refresh tokens kept there.
       *[other] The { field-name } may hold only letters, digits, “-”, “_” and “.”, in names separated by “/”, without “..”: for example factorial/payroll.
    }
    [secret_required] A confidential application needs its client secret. Factorial shows it only once, when the application is created; if it is lost, create a new application in Factorial.
    [secret_not_allowed] A public (non-confidential) application has no client secret. Leave the secret empty, or mark the application as confidential.
    [public_without_pkce] A public (non-confidential) application must use PKCE: without a client secret, PKCE is what stops another program from using an intercepted code. Leave PKCE on, or mark the application as confidential.
    [not_an_address] { $field ->
        [environment] “{ $value }” is neither production, demo nor a valid URL: { address-problem }. A base URL looks like https://api.factorialhr.com.
        [server_address] “{ $value }” is not a valid address: { address-problem }. A secrets manager's address looks like https://vault.example.com:8200.
       *[other] “{ $value }” is not a valid { field-name }: { address-problem }. Use factorial-connect://oauth/callback, exactly as registered in Factorial.
    }
    [plain_http] { $field ->
        [environment] The base URL uses plain http, which would send secrets unencrypted. Use https (plain http is allowed only for 127.0.0.1 or localhost).
        [server_address] The secrets manager's address uses plain http, which would send tokens unencrypted. Use https (plain http is allowed only for 127.0.0.1 or localhost).
       *[other] A plain http { field-name } is only allowed for 127.0.0.1 or localhost. Use https, or the app's own factorial-connect:// address.
    }
    [forbidden_scheme] { $field ->
        [environment] The base URL must start with https:// (it starts with { $scheme }://).
        [server_address] The secrets manager's address must start with https:// (it starts with { $scheme }://).
       *[other] A { $scheme }: address cannot be a { field-name }.
    }
    [no_host] The { field-name } has no host name.
    [not_just_server] { $field ->
        [server_address] The secrets manager's address must be just the server, like https://vault.example.com:8200, without a path (such as /v1), ?query, #fragment or user name.
       *[other] The { field-name } must be just the server address, without ?query, #fragment or user name.
    }
    [has_fragment] A { field-name } may not contain a #fragment (OAuth forbids it).
    [not_a_scope] “{ $scope }” is not a scope name. Scopes are words like employees or time_off, separated by spaces.
    [unreadable] The { field-name } could not be read.
    [fixed_once_connected] The { $field ->
        [environment] environment
       *[other] { field-name }
    } cannot change while an account is connected: its tokens belong to it. Forget the accounts first, or add a new application.
    [out_of_range] The { field-name } must be at least { $min } seconds and at most { $max } seconds (366 days). Factorial's refresh tokens live 7 days.
    [bad_argument] The window sent “{ $command }” { $problem ->
        [missing] without its “{ $argument }”
       *[wrong_type] a “{ $argument }” of the wrong kind
    }, so nothing was done. Close Factorial Connect and open it again; if this keeps happening, a page that is not the app's own may be talking to it: report it.
   *[above_limit] { $field ->
        [timeout] The waiting time can be at most { $max } seconds: the authorization link expires then.
       *[other] The { field-name } can be at most { $max }.
    }
}
    .cli = { $issue ->
        [unreadable] { $field ->
            [client_secret] The client secret could not be read (from the terminal, or from standard input as text). Type it at the prompt, or pipe it in: printf %s "$SECRET" | factorial-connect apps add …
           *[other] The { field-name } could not be read.
        }
        [above_limit] { $field ->
            [timeout] --timeout can be at most { $max } seconds: the authorization link expires then.
           *[other] The { field-name } can be at most { $max }.
        }
       *[other] {""}
    }

error-app_not_found = There is no application called “{ $name }”.
    .cli = There is no application called “{ $name }”. { $has_known ->
        [yes] Known applications: { $known }.
       *[no] No applications are set up yet: add one first (factorial-connect apps add).
    }
error-app_exists = An application called “{ $name }” already exists. Choose another name, or remove the old one first.
error-not_connected = “{ $app }” is not connected to any Factorial account yet. Press Connect.
    .cli = “{ $app }” is not connected to any Factorial account yet. Connect it first (factorial-connect authorize { $app_quoted }).
error-already_shared = This account of “{ $app }” is already shared with { $server }. Stop sharing it there first; then share it again where you want it.
    .cli = This account of “{ $app }” is already shared with { $server }. Stop sharing it there first (factorial-connect publish remove { $app_quoted }), then run publish add again.
error-kept_by_keeper = This account of “{ $app }” was handed over to the keepers on { $server }: they refresh it now, not this computer, and its token here is read from what they publish. Refreshing, revoking or stopping its sharing happens there: to take it back, have the entry { $entry } deleted there (the keepers then stop), run factorial-connect publish remove --here-only, and connect the account again here.
error-not_shared = This account of “{ $app }” is not shared with a secrets manager.
error-account_not_found = “{ $app }” has no account “{ $account }”. Its accounts: { $known }.
error-account_ambiguous = “{ $app }” is connected to several accounts; choose one: { $accounts }.
    .cli = “{ $app }” is connected to several accounts; say which one with --account: { $accounts }.
error-keychain = { $problem ->
    [not_running] No keychain is available, so secrets cannot be stored safely. Start your system's keychain (on Linux: GNOME Keyring or KeePassXC in your desktop session), then try again. { -app } never falls back to a plain file.
    [locked] The keychain is locked or refused access. Unlock it (for example by logging in again, or in “Passwords and Keys”), then try again.
    [too_long] A secret is too long for this system's keychain. Please report this to the { -app } team.
    [not_responding] The keychain did not answer in time. It may be waiting for you to unlock it in a dialog; unlock it (or log in again), then try again.
   *[other] The keychain could not be used. Check that it is running and unlocked, then try again.
}
error-tokens_not_saved = Factorial issued new tokens, but the keychain would not store them. { $revoked ->
    [true] They were revoked at Factorial, so nothing usable was left behind.
   *[false] Revoking them at Factorial failed too, so they may still work there until revoked in Factorial's dashboard.
} Make sure the keychain is running and unlocked, then connect the account again.
error-secret_missing = { $secret ->
    [tokens] The token of this account is missing from the keychain (it may have been deleted outside { -app }). Connect the account again.
    [share_login] The login to the secrets manager this account is shared with is missing from the keychain (it may have been deleted outside { -app }). Share the account again.
   *[other] A secret of this application is missing from the keychain (it may have been deleted outside { -app }). Remove the application and add it again with its client secret; if the secret is lost, create a new application in Factorial, which shows a secret only once.
}
    .cli = { $secret ->
        [tokens] The token of this account is missing from the keychain (it may have been deleted outside { -app }). Connect the account again.
        [share_login] The login to the secrets manager this account is shared with is missing from the keychain (it may have been deleted outside { -app }). Share the account again.
       *[other] A secret of this application is missing from the keychain (it may have been deleted outside { -app }). Remove the application and add it again with its client secret (factorial-connect apps remove, then apps add); if the secret is lost, create a new application in Factorial, which shows a secret only once.
    }
# What is wrong with an address (used where an address is refused).
address-problem = { $problem ->
    [empty_host] it has no server name after the scheme
    [bad_host] its server name has characters no name can have
    [bad_port] its port is not a number from 0 to 65535
    [bad_ip_address] its IP address is not a valid one
    [no_scheme] it does not start with a scheme such as https://
    [too_long] it is too long to read
   *[other] it cannot be read as an address
}
# Why an answer is not one (used by error-callback_rejected).
malformed-why = { $why ->
    [empty] it is empty
    [control_characters] it contains invisible control characters
    [not_an_address] the address is not valid: { address-problem }
    [foreign_link] { -app } only handles factorial-connect://oauth/callback links
    [no_code] the address has no code in it
    [repeated_parameter] it repeats the { $name } parameter
    [not_a_code] the code has characters an authorization code never has
    [link_without_state] the link carries no state, so it cannot be matched to an authorization started here
    [link_not_an_address] a link must be an address
   *[ambiguous_code] several authorizations are waiting, so a bare code is ambiguous
}

# What to do about a link nobody here asked for (any web page can open one).
link-not-asked-for = Nothing was changed. If you did not just press Authorize in Factorial, ignore it: a web page or another program may have opened it. If you did, press Connect again.
error-callback_rejected = { $kind ->
    [unknown_state] { $from_link ->
        [true] A factorial-connect link arrived that answers no authorization started here (or one already cleaned up). { link-not-asked-for }
       *[false] That link does not belong to an authorization started here (or it was already cleaned up). Start the authorization again.
    }
    [replayed] That authorization was already completed; a link works only once. Start a new authorization if you need another token.
    [expired] That authorization link expired (they are valid for { $minutes } minutes). Start the authorization again.
    [denied] Access was denied in Factorial (the Deny button was pressed, or the account may not grant it). Start again and press Authorize.
    [provider_error] Factorial refused the authorization ({ $error_code }).{ provider-said } { $error_code ->
        [invalid_scope] Ask only for scopes that are enabled on the application in Factorial.
        [unauthorized_client] Check the application's settings in Factorial.
        [invalid_request] Check the client ID and redirect URI against the application's page in Factorial.
       *[other] Try again; if it keeps failing, check the application's settings in Factorial.
    }
    [malformed] { $from_link ->
        [true] A factorial-connect link arrived that does not answer an authorization started here ({ malformed-why }). { link-not-asked-for }
       *[false] That is not an authorization answer: { malformed-why }. Paste the whole address the browser ended on, or just the code it showed.
    }
    [too_long] { $from_link ->
        [true] A factorial-connect link arrived that is too long to be an authorization answer ({ $len } characters). { link-not-asked-for }
       *[false] That text is too long to be an authorization answer ({ $len } characters). Paste only the address the browser ended on, or the code.
    }
    [belongs_to_another] That answer belongs to another authorization (started for another application, or in another window). Paste the address from the browser tab that this authorization opened; this one is still waiting.
   *[nothing_pending] There is no authorization waiting for an answer. Press Connect first.
}
    .cli = { $kind ->
        [nothing_pending] There is no authorization waiting for an answer. Start one first (factorial-connect authorize APP, or Connect in the window).
       *[other] {""}
    }
error-code_refused = Factorial refused the authorization code (it expired, was already used, or the redirect URI differs from the one registered).{ provider-said } Start the authorization again.
error-reconnect_needed = Factorial no longer accepts this account's refresh token (it expired, was revoked, or was replaced).{ provider-said } Connect the account again. The stored tokens were kept.
error-token_rejected = The access token was refused by Factorial (it was revoked or has expired). Connect “{ $app }” again.
error-provider_refused = { $error ->
    [invalid_client] Factorial did not accept the client ID or client secret while { step-name }.{ provider-said } Check both against the application's page in Factorial (the secret is shown only when the application is created: if it is lost, create a new one).
    [invalid_grant] Factorial refused the token while { step-name } (it expired, was revoked, or was replaced).{ provider-said } Connect the account again.
    [unauthorized_client] This application is not allowed to do that while { step-name }.{ provider-said } Check the application's settings in Factorial.
    [invalid_scope] Factorial refused the requested scopes while { step-name }.{ provider-said } Ask only for scopes that are enabled on the application in Factorial.
   *[other] Factorial refused the request while { step-name } ({ $error_code }).{ provider-said } Check the application's settings, then try again.
}
error-not_refreshable = This account's token cannot be refreshed: { $reason ->
    [company_token] company tokens never expire and come without a refresh token.
   *[no_refresh_token] Factorial gave no refresh token for it.
} If it stops working, connect again.
error-network = Could not reach { $host }. Check your internet connection (and proxy), then try again.
error-connection_lost = The connection to { $host } broke before its answer arrived. { $during ->
    [connecting] Factorial may already have used up the authorization code: start the authorization again.
    [refreshing] Factorial may already have replaced the tokens. The stored tokens were kept: try again, and if Factorial refuses them, connect the account again.
    [revoking] Try again to be sure the tokens are revoked.
   *[identifying] Try again.
}
error-timeout = { $host } did not answer in time. Try again in a moment.
error-server_error = { $host } had a problem on its side (HTTP { $status }). Try again in a few minutes.
error-bad_response = { $host } sent an answer { -app } does not understand ({ $has_status ->
    [yes] HTTP { $status }: { answer-flaw }
   *[no] { answer-flaw }
}). Check that the environment's base URL is right, or try again later.
# What is wrong with an answer (used by error-bad_response).
answer-flaw = { $flaw ->
    [not_json] { $content_type } instead of JSON
    [json_cut_short] its JSON ends too early
    [json_syntax] its JSON has a syntax error
    [json_shape] its JSON is not shaped as expected
    [empty] it is empty
    [cut_short] it was cut short
    [too_large] it is larger than { $limit_kib } KiB, which no such answer is
    [no_owner] it names no user or company
   *[unexpected_status] no other details
}
error-identity_refused = Factorial accepted the token for “{ $app }” but would not say whose it is (HTTP 403). { $has_scope ->
    [yes] It asks for the scope “{ $scope }”, which the token was not given.
   *[no] Most likely the application's scopes do not include the one that allows this.
}{ provider-said } The token works and was kept. Add the scope with Edit (and to the application in Factorial if it is not there), then connect again with the same button (Connect my user or Connect the company): this account is replaced, not added twice.
    .cli = Factorial accepted the token for “{ $app }” but would not say whose it is (HTTP 403). { $has_scope ->
        [yes] It asks for the scope “{ $scope }”, which the token was not given.
       *[no] Most likely the application's scopes do not include the one that allows this.
    }{ provider-said } The token works and was kept. Add the scope to the application (in the window: Edit; and in Factorial if it is not there), then connect again (factorial-connect authorize { $app_quoted }, with --company for a company account): this account is replaced, not added twice.
error-no_such_address = { $host } has nothing at the address { -app } uses while { step-name } (HTTP 404). Check the environment's base URL (production is https://api.factorialhr.com){ $during ->
    [identifying] , and that this server offers Factorial's API version 2026-10-01
   *[other] {""}
}.
error-web_page_instead = { $host } answered with a web page instead of Factorial's data (HTTP { $status }): a proxy, a firewall or a network's sign-in page (as in hotels and some offices) may stand in the way. Open { $host } in a browser on this computer; if a sign-in page appears, sign in there and try again. If none does, check the environment's base URL.
error-busy = Another { -app } process is { $holder ->
    [account] using this account (refreshing, revoking or connecting it)
   *[data_folder] writing the data folder
} and has not finished after { $waited_secs } seconds. Wait a moment and try again; if it keeps happening, close other { -app } windows and scripts.
error-storage = { -app } could not use its data folder { $path }: { system-problem }. { $problem ->
    [not_found] Check that the folder is there (a disk that is not mounted?), then try again.
    [permission_denied] Check that this user owns the folder and may write in it.
    [disk_full] Make room on the disk, then try again.
    [read_only] Mount the disk so it can be written, or choose another folder.
   *[other] Check that the disk has room and the folder is writable.
}
# Why the system refused a file operation (used by error-storage).
system-problem = { $problem ->
    [not_found] something in it is missing
    [permission_denied] this user may not read or write there
    [disk_full] the disk is full
    [read_only] the disk can only be read, not written
   *[other] the system refused{ $has_os_code ->
        [yes] { " " }(system error { $os_code })
       *[no] {""}
    }
}
error-unsafe_path = { $found ->
    [link] { -app } did not use { $path }: it is a link to somewhere else. Nothing was read from it or changed. Move the link aside, then try again.
    [not_a_file] { -app } did not use { $path }: a pipe, a device or a folder is where a plain file belongs. Nothing was read from it or changed. Move it aside, then try again.
   *[shared_folder] { -app } did not use its data folder { $path }: it is a link to a folder that other users can read or write. Nothing was changed. Make that folder yours alone (chmod 700), or remove the link, then try again.
}
error-corrupt = The file { $path } is damaged ({ damage }) and was left untouched so nothing is lost.{ backup-kept } Move it aside to start over, or restore it from a backup.
# What is damaged in a data file (used by error-corrupt).
damage = { $damage ->
    [too_large] it is larger than { $limit_mib } MiB, more than { -app } ever writes
    [unreadable] it cannot be read as { -app } data from line { $line }, column { $column }
   *[bad_record] { $record ->
        [application] application
        [account] account
       *[pending_authorization] pending authorization
    } { $number } has { $part ->
        [id] an invalid id
        [name] an invalid name
        [client_id] an invalid client ID
        [base_url] a base URL that is neither https nor this computer
        [redirect_uri] an invalid redirect URI
        [shared_to] a secrets manager it is shared with that is not one you could have entered
       *[scopes] an invalid scope
    }
}
error-newer_data = The file { $path } was written by a newer { -app } (data format { $format }) and was left untouched.{ backup-kept } Install the newer version again to use it.
error-no_browser = No web browser could be opened ({ $problem ->
    [none_found] none is set as this system's default, and $BROWSER names none
   *[refused] the system would not start it
}). Open the authorization address in a browser yourself, then paste the address it ends on.
error-clipboard = The clipboard could not be used ({ $problem ->
    [unavailable] this desktop session offers none
    [busy] another program is holding it
   *[other] the system refused
}). Nothing was copied; try again.
error-update_failed = The new version could not be checked or installed ({ $problem ->
    [package_manager] this system's package manager updates { -app }
    [unsigned] this copy was built without the release key, so it cannot check a download
    [network] the update server could not be reached
    [not_published] none is published for this system
    [bad_signature] the download's signature does not match the release key
    [install] it could not be installed
   *[other] the updater gave no reason
}). Nothing was changed; try again later, or download it from the downloads page.
error-share_failed = { $problem ->
    [unreachable] { $server } could not be reached. Check its address and port, and that this computer may connect to it (VPN, firewall).
    [timed_out] { $server } did not answer in time. Try again; if it keeps happening, tell whoever runs it.
    [certificate] { $server }'s certificate is not trusted: { $issue ->
        [wrong_name] it was made for a different name from the one in the address. Use the name it was made for.
        [unknown_authority] it is signed by an authority this computer does not know. Give your company's CA file in the destination.
        [expired] it has expired or is not valid yet. Check this computer's clock, then tell whoever runs the server.
       *[other] the secure connection was refused. Tell whoever runs the server.
    }
    [ca_file] The CA file { $path } could not be read, or holds no certificate. Choose the PEM file that begins with -----BEGIN CERTIFICATE-----.
    [sealed] { $server } is locked (sealed) until whoever runs it unlocks it.
    [login_refused] { $server } refused the login: its token, or the AppRole's secret ID, is wrong or has expired. Ask for a new one and edit the destination.
    [not_allowed] { $server } let the login in, but its policy does not allow this entry. Ask whoever runs it for a policy that lets this login read and write the entry (the README's “When a server needs the token” has one).
    [no_mount] { $server } has no secrets engine at that mount. Check the mount's name (it is often secret).
    [not_versioned] That mount on { $server } is not a KV version 2 engine, which { -app } needs so that it never overwrites anyone's version. Use a KV version 2 mount.
    [cas_not_required] On { $server }, anyone could replace the shared token without check-and-set, and this login may not require it. Ask whoever runs it to allow “update” on the entry's metadata, or to turn on cas_required on the mount.
    [path_taken] That entry on { $server } already holds something { -app } did not write. Choose another path, or have it removed there first.
    [written_by_others] Someone, or another program, wrote version { $found } of the entry over { -app }'s version { $ours }. Sharing stopped, and their version was left as it is: find out who writes there, then share again.
    [removed_by_others] Someone, or another program, removed the entry where { -app } had written version { $ours }. Sharing stopped: find out who removed it, then share again.
    [kept_token_expired] The token the keepers published on { $server } has expired: they have not refreshed it. Check that a keeper is running (systemctl status factorial-connect-keeper) and what its log says.
    [server_error] { $server } failed on its side (HTTP { $status }). Try again later; if it keeps happening, tell whoever runs it.
   *[unexpected_answer] { $server } answered in a way OpenBao and Vault do not. Check that the address is your secrets manager's.
} Nothing changed in the account on this computer.
error-wait_timed_out = No answer came back from the browser within { $waited_secs } seconds. If the browser showed an error, fix what it says (often the redirect URI or the client ID); otherwise start again, or paste the address the browser ended on.
error-cancelled = The authorization was cancelled. Nothing was changed.
error-unknown = Something failed that this version of { -app } cannot describe (another version recorded it). Try again; if it keeps happening, update { -app }.

# What was being done, by `$during`.
step-name = { $during ->
    [connecting] connecting
    [refreshing] refreshing
    [revoking] revoking
   *[identifying] asking who the token belongs to
}

attention = { $reason ->
    [refused] Factorial refused its tokens: revoked, expired, or its scopes changed
    [tokens_not_saved] new tokens could not be stored in the keychain
   *[not_refreshable] it expired and cannot be refreshed
}

outcome-connected-unidentified = Connected “{ $app_name }”.
outcome-connected = Connected “{ $app_name }” to { $label }.

## The window

window-title = { -app }
window-subtitle = Your Factorial OAuth applications and the accounts they are connected to.
add-app = Add an application
empty-title = No applications yet
show-more-apps = Show { $count ->
    [one] one more application
   *[other] { $count } more applications
} (of { $total })
empty-body = Create an OAuth application in Factorial, then add it here: the form says what to copy where. After that, connect it to your user or your company with one click.
not-connected = Not connected yet.
connect-user = Connect my user
connect-company = Connect the company
connect-company-help = A company token acts for the whole company and never expires; only a Factorial admin can approve it.
edit = Edit
delete = Delete
cancel = Cancel
cancel-too-late = Too late to cancel: Factorial’s answer had already arrived. The result appears here in a moment.
close = Close
save = Save
copy = Copy
show-details = Show details
hide-details = Hide details

label-environment = Environment
env-production = Production
env-demo = Demo (sandbox)
env-custom = Another server
label-base-url = Base URL
open-factorial-page = Open Factorial's OAuth applications page
label-redirect-uri = Redirect URI
redirect-uri-help = In Factorial, create an application with exactly this redirect URI: it must match character for character.
label-name = Name in this app
name-help = Any name that tells you what it is for, for example “Payroll sync”.
label-client-id = Client ID
label-client-secret = Client secret
client-secret-help = Factorial shows the secret only once, when the application is created. If it is lost, create a new application there.
new-secret-help = Leave empty to keep the secret you have. Paste a new one if you regenerated it in Factorial.
label-confidential = Confidential application (it has a client secret)
confidential-help = Leave this on for applications created in Factorial's dashboard: they come with a client secret, which stays in this computer's keychain.
label-scopes = Scopes
scopes-help = What the next Connect asks Factorial for. None ticked means the scopes set on the application in Factorial.
base-url-help = The address of the Factorial server, as its administrator gave it to you, for example https://api.factorialhr.example.com. Only https (or a server on this computer).
open-server-page = Open this server's OAuth applications page
scopes-filter = Find a scope
scopes-filter-none = No scope matches “{ $filter }”.
scope-group = { $group ->
    [people] People and the company
    [time] Time
    [money] Pay and money
    [talent] Hiring and growth
    [work] Work and projects
    [platform] Apps and integrations
    [older] Older, general scopes
   *[other] Other
}
scope-read = Read everything the user may see (older, general scope)
scope-write = Change everything the user may change (older, general scope; usually with read)
scopes-other = Other scopes (separated by spaces)
scopes-change-warning = Changing the scopes of the application in Factorial's dashboard ends the tokens already issued: connect again afterwards.
add-title = Add an application
edit-title = Edit “{ $name }”
add-submit = Add application
more-settings = More settings
label-refresh-life = Refresh tokens last
label-refresh-life-unit = Unit
unit-minutes = minutes
unit-hours = hours
unit-days = days
refresh-life-help = How long the server honours a refresh token: 7 days at Factorial. While this app runs it refreshes each account well before then. Change it only for a server that says otherwise.
fixed-after-connect = Environment and client ID cannot change while an account is connected: the tokens already issued belong to them.

delete-title = Delete “{ $name }”?
delete-body = { $accounts ->
    [0] Its client secret is removed from this computer's keychain.
    [one] Its client secret and the tokens of its account are removed from this computer's keychain. The tokens stay valid at Factorial until revoked there: revoke first to end them.
   *[other] Its client secret and the tokens of its { $accounts } accounts are removed from this computer's keychain. The tokens stay valid at Factorial until revoked there: revoke first to end them.
}
revoke-title = Revoke the tokens of { $label }?
revoke-body = Factorial stops accepting them at once, and they are removed here. Scripts using them stop working until you connect again.
revoke = Revoke
forget-company-body = This company token never expires and acts for the whole company. Forgetting it removes it from this computer only: it stays valid at Factorial, and nothing here can revoke it afterwards. Revoke ends it at Factorial and removes it here.
forget-anyway = Forget only here
forget-title = Forget the tokens of { $label }?
forget-body = They are removed from this computer only and stay valid at Factorial until revoked there.
forget = Forget

user-token = User token
company-token = Company token
connected-on = Connected { $date }
scopes-granted = Scopes: { $scopes }
scopes-application = the application's own
refresh-token-until = Stays connected until { $date } without being used
keep-alive-next = refreshed automatically around { $date }
copy-token = Copy token
copy-for-scripts = Copy for scripts
reveal = Reveal
hide = Hide
test = Test
refresh = Refresh
health-never-expires = Works, never expires
health-expires-in = Works, expires in { $span }
health-expires-soon = Expires in { $span }; refreshed on next use
health-expired = Expired; refreshed on next use
health-needs-admin = Needs you to connect again: { $reason }
health-kept = Kept alive on a server by its keepers

span = { $unit ->
    [seconds] { $count } s
    [minutes] { $count } min
    [hours] { $count } h
   *[days] { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
}

done-token-copied = The access token is on the clipboard for { $span }, then it is cleared.
done-script-copied = A command for scripts is on the clipboard. It asks Factorial Connect for a fresh token each time it runs and never contains the token itself.
done-redirect-copied = The redirect URI is on the clipboard.
done-test = Factorial answered: this token belongs to { $who }.
done-refreshed = Refreshed: the new token works for another { $span }.
done-revoked = Revoked at Factorial and removed here.
done-shared = Shared: the token is at its entry now, and each new one is published there after its refresh.
done-sharing-tested = The secrets manager works: what was published last is there, as written.
done-sharing-stopped = Stopped sharing: the entry holds no token any more.
share-with-servers = Share with servers
test-sharing = Test sharing
stop-sharing = Stop sharing
hand-over = Hand over to a server
hand-over-title = Hand { $label } over to the keepers on the server?
hand-over-body = Its refresh token and the application's client secret are written once to a private entry on the secrets manager, and from then on the keepers there (factorial-connect keeper, which IT runs) refresh it and publish its token; this computer stops refreshing it and forgets its own copy, and Copy reads the token they publish. Do this only once a keeper runs there: until one does, the token stops being refreshed.
done-handed-over = Handed over: the keepers on the server keep it alive now.
stop-sharing-title = Stop sharing the token of { $label }?
stop-sharing-body = Every version published is destroyed on the secrets manager (a marker without any token stays there), and the login is removed from this computer. Servers that read the token there stop getting new ones.
share-title = Share the token of { $label } with servers
share-intro = Your company's secrets manager (OpenBao or Vault) keeps the access token where its servers read it. This computer stays the only one that refreshes it: the refresh token and the client secret never leave it. Ask whoever runs the secrets manager for the values below.
share-address = Secrets manager's address
share-address-help = For example https://vault.example.com:8200.
share-mount = Mount of the KV version 2 secrets engine
share-path = Entry path
share-path-help = For example factorial/payroll. It must be empty, or have been left by { -app }.
share-namespace = Namespace
share-optional = Optional.
share-ca-file = Certificate authority file (PEM)
share-ca-file-help = Optional: the path of your company's CA file on this computer, when the server's certificate is signed by it.
share-approle = Log in with AppRole
share-role-id = AppRole role ID
share-token = Token
share-secret-id = AppRole secret ID
share-login-help = Kept in this computer's keychain, never shown again.
share-submit = Share
sharing-published = Shared at { $server }, { $entry }: version { $version }, published { $span } ago.
sharing-waiting = Shared at { $server }, { $entry }: not published yet.
sharing-failing = Shared at { $server }, { $entry }, but the last try failed: { $why }
sharing-stopped = Sharing at { $server }, { $entry } stopped: { $why }
sharing-kept = Handed over on { $date } to the keepers on { $server }: they refresh it and publish its token at { $entry }; Copy reads it there. Its refresh token is in { $private }.
done-forgotten = Removed here; the tokens stay valid at Factorial until revoked there.
done-forgotten-company = Removed from this computer. The company token is still valid at Factorial: if nobody needs it, revoke it in Factorial (OAuth applications → this application).
account-unidentified = { $kind ->
    [company] Company account — Factorial has not said which
   *[user] User account — Factorial has not said whose
}
unidentified-unknown = Factorial did not say whose this token is. Press Test to ask again.
done-added = Added “{ $name }”. Now connect it to your user or your company.
done-saved = Saved “{ $name }”.
done-deleted = Deleted “{ $name }” and its secrets from this computer.
done-page-opened = Factorial's OAuth applications page is open in your browser.

waiting-title = Waiting for Factorial to connect “{ $app }”…
waiting-browser = Finish in your browser: log in to Factorial and press Authorize.
waiting-url = Authorization address:
paste-label = Browser did not come back? Paste the address it ended on, or the code it shows:
paste-placeholder = factorial-connect://oauth/callback?code=… or the code
complete = Complete

## What each of Factorial's scopes lets a tool do (read and write).

scope-banking = Bank accounts and transactions
scope-company_holidays = The company's holiday calendars
scope-company_legal_entities = Legal entities of the company
scope-company_locations = Offices and work locations
scope-contracts = Employment contracts and salaries
scope-custom_fields = Custom fields on people and records
scope-documents = Documents and folders
scope-employee_updates = Changes to employees (hires, leavers, edits)
scope-employees = Employees and teams
scope-expenses = Expenses and expense reports
scope-finance = Finance: accounting, invoices, cost centres
scope-integrations = Integrations set up in Factorial
scope-job_catalog = Job roles and levels
scope-marketplace = Marketplace apps
scope-payroll = Payroll
scope-payroll_supplements = Payroll supplements and bonuses
scope-performance = Performance reviews
scope-posts = Posts and announcements
scope-project_management_expenses = Project expenses
scope-project_management_projects = Projects
scope-project_management_time = Time recorded on projects
scope-recruitment = Recruitment: candidates, job postings, applications
scope-shift_management = Shifts
scope-tasks = Tasks
scope-time_off = Time off: leaves and allowances
scope-time_tracking = Attendance and schedules
scope-trainings = Trainings and courses

## Settings

settings = Settings
label-language = Language
language-system = Same as the system
label-start-at-login = Start Factorial Connect when I log in
start-at-login-help = It starts in the tray (where the desktop shows one), so accounts stay connected without opening the window.
label-keep-alive = Keep accounts connected
keep-alive-help = While Factorial Connect runs, it refreshes each user account before its tokens run out, so nobody has to connect again after a week. Without it, an account not used for a week must be connected again.
label-keychain = Secrets are kept in
keychain-secret-service = the Secret Service (GNOME Keyring, KeePassXC or KWallet)
keychain-macos = the macOS Keychain
keychain-windows = the Windows Credential Manager
for-support = For support
label-keychain-entries = Keychain entries under
label-data-folder = Data folder
label-version = Version
label-updates = Updates
updates-system-packages = New versions come with the system's software updates where your IT team has added Factorial Connect's package source. Otherwise, download the newer package and open it: your applications and accounts stay.
updates-in-app = Factorial Connect installs new versions only if they carry its makers' signature. Your applications and accounts stay.
updates-download-page = This copy cannot check new versions by itself. Download the newer one and install it over this one: your applications and accounts stay.
check-for-update = Check for updates
install-update = Install and restart
open-downloads = Open the downloads page
update-checking = Looking for a new version…
update-latest = This is the latest version ({ $version }).
update-available = Version { $version } is ready to install.
update-installing = Installing… Factorial Connect will restart by itself.
downloads-no-browser = No web browser could be opened. The downloads page is { $url }
remove-everything = Remove everything from this computer
remove-everything-help = Every application, account and secret this app keeps here. Tokens stay valid at Factorial until revoked there.
remove-everything-title = Remove everything from this computer?
remove-everything-body = { $apps ->
    [0] There are no applications yet; nothing will go.
    [one] One application and { $accounts ->
        [0] no account
        [one] its account
       *[other] its { $accounts } accounts
    } will go, with every secret of them in the keychain. Tokens stay valid at Factorial until revoked there.
   *[other] { $apps } applications and { $accounts ->
        [0] no account
        [one] one account
       *[other] { $accounts } accounts
    } will go, with every secret of them in the keychain. Tokens stay valid at Factorial until revoked there.
}
done-removed-everything = { $apps ->
    [one] Removed one application and its secrets from this computer.
   *[other] Removed { $apps } applications and their secrets from this computer.
}

## The button beside an error that fixes it

connect-again = Connect again

## Desktop notifications (the window sends them while it runs; a click does what fixes it)

notice-needs-admin-title = { $app }: connect again
notice-needs-admin = { $label } needs you: { $reason }. Click to connect it again.
notice-ends-soon-title = { $app }: stops working in { $span }
notice-ends-soon = { $label } has not been refreshed for days, so it stops working in { $span } unless it is used. Click to refresh it now (Factorial must be reachable).
notice-open = Open
try-again = Try again

## The tray's menu

tray-no-accounts = No connected accounts yet
tray-open = Open Factorial Connect
tray-pause = Pause keep-alive
tray-quit = Quit
