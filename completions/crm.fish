# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_crm_global_optspecs
    string join \n profile= o/output= fields= raw dry-run v/verbose q/quiet y/yes color= refresh jq= h/help V/version
end

function __fish_crm_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_crm_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_crm_using_subcommand
    set -l cmd (__fish_crm_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c crm -n "__fish_crm_needs_command" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_needs_command" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_needs_command" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_needs_command" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_needs_command" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_needs_command" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_needs_command" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_needs_command" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_needs_command" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_needs_command" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_needs_command" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_needs_command" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_needs_command" -f -a "deals" -d 'List, read, create, change and delete deals'
complete -c crm -n "__fish_crm_needs_command" -f -a "pipelines" -d 'Pipelines of deals'
complete -c crm -n "__fish_crm_needs_command" -f -a "stages" -d 'Stages of the deal pipelines'
complete -c crm -n "__fish_crm_needs_command" -f -a "vendors" -d 'What each vendor supports'
complete -c crm -n "__fish_crm_needs_command" -f -a "sandbox" -d 'A local emulator of the vendors\' APIs, for trying crm and scripts without an account'
complete -c crm -n "__fish_crm_needs_command" -f -a "auth" -d 'Log in (store a token in the OS keyring), see which account is in use, log out'
complete -c crm -n "__fish_crm_needs_command" -f -a "profiles" -d 'The CRM accounts crm knows: list, add, remove, choose the default'
complete -c crm -n "__fish_crm_needs_command" -f -a "api" -d 'Any endpoint of the account\'s API, with crm\'s auth, rate limits and retries'
complete -c crm -n "__fish_crm_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "list" -d 'List deals, filtered and sorted'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "get" -d 'Show one deal, with its contacts and company'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "create" -d 'Create a deal from flags, or deals from common-model JSON'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "update" -d 'Change a deal\'s fields; only what you pass is sent'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "delete" -d 'Delete deals (asks first on a terminal; --yes for scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "merge" -d 'Merge OTHER into KEEP; OTHER disappears'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "follow" -d 'Add a follower to a deal'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "unfollow" -d 'Remove a follower from a deal'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "followers" -d 'List a deal\'s followers'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "associate" -d 'Link a deal to a contact or a company'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "dissociate" -d 'Unlink a deal from a contact or a company'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "upsert" -d 'Update the deal matching a field, or create it when none matches'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "export" -d 'Every matching deal, streamed (NDJSON unless -o says otherwise)'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "import" -d 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "fields" -d 'List the deal fields: the common ones, and this account\'s custom fields with type and options'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "summary" -d 'Count and total deals by stage, pipeline, owner, status, currency or close month'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "timeline" -d 'Open and won deals per day, week, month or quarter of their close (or created, won) date'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "history" -d 'Show each change of a deal\'s fields: when, which, the old and new value, and who'
complete -c crm -n "__fish_crm_using_subcommand deals; and not __fish_seen_subcommand_from list get create update delete merge follow unfollow followers associate dissociate upsert export import fields summary timeline history help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l stage -d 'Only deals in this stage (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l pipeline -d 'Only deals in this pipeline (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l owner -d 'Only deals owned by this user (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l status -d 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete' -r -f -a "open\t''
won\t''
lost\t''
unqualified\t''
deleted\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l contact -d 'Only deals associated with this contact (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l company -d 'Only deals associated with this company (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l updated-since -d 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l updated-until -d 'Only deals last changed before then (same forms as --updated-since)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l search -d 'Only deals matching this text' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l ids -d 'Only these deals (comma-separated ids)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l name -d 'Only deals with exactly this name' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l close-date -d 'Only deals expected to close on this day (YYYY-MM-DD)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l source -d 'Only deals from this source (its id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l custom -d 'Only deals whose custom field NAME equals VALUE (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l sort -d 'Sort by id, name, amount, close_date, created_at or updated_at, ascending or with `:desc` (`crm vendors` shows which a vendor sorts itself; crm sorts the others on --all)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l limit -d 'At most N deals [default: 100]' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l hot -d 'Only deals marked hot'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l archived -d 'Archived (deleted) deals instead of live ones'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l with-contacts -d 'Read every deal\'s contacts (one extra request per deal on some vendors)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l all -d 'Every matching deal, page after page'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -l archived -d 'Show it even if it was deleted but the vendor still keeps it (HubSpot\'s recycling bin, Pipedrive\'s deleted deals for 30 days); it then carries "deleted": true'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l name -d 'The deal\'s name' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l amount -d 'Amount with a dot for decimals, e.g. 1500.00' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l currency -d 'ISO 4217 currency code, e.g. USD' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l pipeline -d 'Pipeline (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l stage -d 'Stage (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l status -d 'Won or lost moves the deal to its pipeline\'s closing stage' -r -f -a "open\t''
won\t''
lost\t''
unqualified\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l owner -d 'Owner (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l close-date -d 'Expected close date, YYYY-MM-DD' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l contact -d 'Associate a contact (id; repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l company -d 'Associate a company (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l tags -d 'Replace the tags with these' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l set -d 'Set a custom field or property by name (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l from -d 'Read deals from a file (`-` for stdin): a JSON object, a JSON array or NDJSON' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l name -d 'The deal\'s name' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l amount -d 'Amount with a dot for decimals, e.g. 1500.00' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l currency -d 'ISO 4217 currency code, e.g. USD' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l pipeline -d 'Pipeline (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l stage -d 'Stage (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l status -d 'Won or lost moves the deal to its pipeline\'s closing stage' -r -f -a "open\t''
won\t''
lost\t''
unqualified\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l owner -d 'Owner (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l close-date -d 'Expected close date, YYYY-MM-DD' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l contact -d 'Associate a contact (id; repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l company -d 'Associate a company (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l tags -d 'Replace the tags with these' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l set -d 'Set a custom field or property by name (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l tag -d 'Add a tag to the existing ones (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l unset -d 'Clear a field or property (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l lost-reason -d 'Why the deal was lost (with --status lost)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -l into -d 'The deal that survives' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from merge" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -l user -d 'The user (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from follow" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -l user -d 'The user (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from unfollow" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from followers" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l contact -d 'The contact (person) to link' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l company -d 'The company (organization) to link' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l role -d 'The contact\'s role on the deal (Zendesk Sell)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l label -d 'An association label (HubSpot)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l primary -d 'Make it the deal\'s primary contact or company'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l replace -d 'Replace the deal\'s company when it already has one'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from associate" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l contact -d 'The contact (person) to unlink' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l company -d 'The company (organization) to unlink' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from dissociate" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l match -d 'The field that identifies the deal (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l name -d 'The deal\'s name' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l amount -d 'Amount with a dot for decimals, e.g. 1500.00' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l currency -d 'ISO 4217 currency code, e.g. USD' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l pipeline -d 'Pipeline (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l stage -d 'Stage (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l status -d 'Won or lost moves the deal to its pipeline\'s closing stage' -r -f -a "open\t''
won\t''
lost\t''
unqualified\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l owner -d 'Owner (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l close-date -d 'Expected close date, YYYY-MM-DD' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l contact -d 'Associate a contact (id; repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l company -d 'Associate a company (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l tags -d 'Replace the tags with these' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l set -d 'Set a custom field or property by name (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from upsert" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l stage -d 'Only deals in this stage (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l pipeline -d 'Only deals in this pipeline (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l owner -d 'Only deals owned by this user (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l status -d 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete' -r -f -a "open\t''
won\t''
lost\t''
unqualified\t''
deleted\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l contact -d 'Only deals associated with this contact (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l company -d 'Only deals associated with this company (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l updated-since -d 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l updated-until -d 'Only deals last changed before then (same forms as --updated-since)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l search -d 'Only deals matching this text' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l ids -d 'Only these deals (comma-separated ids)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l name -d 'Only deals with exactly this name' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l close-date -d 'Only deals expected to close on this day (YYYY-MM-DD)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l source -d 'Only deals from this source (its id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l custom -d 'Only deals whose custom field NAME equals VALUE (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l sort -d 'Sort by id, name, amount, close_date, created_at or updated_at, ascending or with `:desc` (`crm vendors` shows which a vendor sorts itself; crm sorts the others on --all)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l hot -d 'Only deals marked hot'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l archived -d 'Archived (deleted) deals instead of live ones'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l with-contacts -d 'Read every deal\'s contacts (one extra request per deal on some vendors)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l format -d 'Input format (default: from the file name, else JSON when it starts with `[`, else NDJSON)' -r -f -a "ndjson\t''
csv\t''
json\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l upsert-key -d 'Create or update each deal by this unique custom field (e.g. external_id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l journal -d 'Record confirmed writes here, and skip what an earlier run with this journal did' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l rejects -d 'Write the records that failed here, in the input\'s format' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l concurrency -d 'Batches in flight at once (the vendor\'s rate limit still applies)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l map -d 'Mapping of names for a migration (TOML or JSON)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l plan -d 'Check every record and print what would happen (create / update / unchanged); write nothing'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l strict -d 'Stop before writing anything when any record is malformed'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l skip-existing -d 'Report a record whose unique value a deal already holds as skipped (with that deal\'s id), not failed'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from fields" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l by -d 'What to group deals by' -r -f -a "stage\t''
pipeline\t''
owner\t''
status\t''
currency\t''
close-month\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l in-currency -d 'Also total every row in this currency, where the vendor converts amounts (Pipedrive\'s converted totals, HubSpot\'s amount in the company currency)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l via -d 'Where the figures come from: the vendor\'s own report where one answers (auto), that report or a refusal (vendor), or crm summing the listed deals (list)' -r -f -a "auto\t''
vendor\t''
list\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l stage -d 'Only deals in this stage (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l pipeline -d 'Only deals in this pipeline (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l owner -d 'Only deals owned by this user (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l status -d 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete' -r -f -a "open\t''
won\t''
lost\t''
unqualified\t''
deleted\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l contact -d 'Only deals associated with this contact (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l company -d 'Only deals associated with this company (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l updated-since -d 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l updated-until -d 'Only deals last changed before then (same forms as --updated-since)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l search -d 'Only deals matching this text' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l ids -d 'Only these deals (comma-separated ids)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l name -d 'Only deals with exactly this name' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l close-date -d 'Only deals expected to close on this day (YYYY-MM-DD)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l source -d 'Only deals from this source (its id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l custom -d 'Only deals whose custom field NAME equals VALUE (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l hot -d 'Only deals marked hot'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l archived -d 'Archived (deleted) deals instead of live ones'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from summary" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l interval -d 'How long each period is' -r -f -a "day\t''
week\t''
month\t''
quarter\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l from -d 'The first day of the first period (YYYY-MM-DD)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l periods -d 'How many periods' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l field -d 'The deal date that places a deal in a period' -r -f -a "close_date\t''
created_at\t''
won_at\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l in-currency -d 'Also total every row in this currency, where the vendor converts amounts (Pipedrive\'s converted totals, HubSpot\'s amount in the company currency)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l via -d 'Where the figures come from: the vendor\'s own report where one answers (auto), that report or a refusal (vendor), or crm summing the listed deals (list)' -r -f -a "auto\t''
vendor\t''
list\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l stage -d 'Only deals in this stage (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l pipeline -d 'Only deals in this pipeline (name or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l owner -d 'Only deals owned by this user (name, email or id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l status -d 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete' -r -f -a "open\t''
won\t''
lost\t''
unqualified\t''
deleted\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l contact -d 'Only deals associated with this contact (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l company -d 'Only deals associated with this company (id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l updated-since -d 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l updated-until -d 'Only deals last changed before then (same forms as --updated-since)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l search -d 'Only deals matching this text' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l ids -d 'Only these deals (comma-separated ids)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l name -d 'Only deals with exactly this name' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l close-date -d 'Only deals expected to close on this day (YYYY-MM-DD)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l source -d 'Only deals from this source (its id)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l custom -d 'Only deals whose custom field NAME equals VALUE (repeatable)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l hot -d 'Only deals marked hot'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l archived -d 'Archived (deleted) deals instead of live ones'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from timeline" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -l field -d 'Only this field\'s changes, by its common name (`stage`, `amount`, `custom.Region`); repeatable' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "list" -d 'List deals, filtered and sorted'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one deal, with its contacts and company'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a deal from flags, or deals from common-model JSON'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a deal\'s fields; only what you pass is sent'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete deals (asks first on a terminal; --yes for scripts)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "merge" -d 'Merge OTHER into KEEP; OTHER disappears'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "follow" -d 'Add a follower to a deal'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "unfollow" -d 'Remove a follower from a deal'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "followers" -d 'List a deal\'s followers'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "associate" -d 'Link a deal to a contact or a company'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "dissociate" -d 'Unlink a deal from a contact or a company'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "upsert" -d 'Update the deal matching a field, or create it when none matches'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "export" -d 'Every matching deal, streamed (NDJSON unless -o says otherwise)'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "fields" -d 'List the deal fields: the common ones, and this account\'s custom fields with type and options'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "summary" -d 'Count and total deals by stage, pipeline, owner, status, currency or close month'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "timeline" -d 'Open and won deals per day, week, month or quarter of their close (or created, won) date'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show each change of a deal\'s fields: when, which, the old and new value, and who'
complete -c crm -n "__fish_crm_using_subcommand deals; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List the deal pipelines'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the deal pipelines'
complete -c crm -n "__fish_crm_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List the stages of every pipeline, or of one'
complete -c crm -n "__fish_crm_using_subcommand stages; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -l pipeline -d 'Only this pipeline\'s stages (name or id; default: the profile\'s default pipeline)' -r
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the stages of every pipeline, or of one'
complete -c crm -n "__fish_crm_using_subcommand stages; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand vendors" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand vendors" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand vendors" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand vendors" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand vendors" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand vendors" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand vendors" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand vendors" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand vendors" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand vendors" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand vendors" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand vendors" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand vendors" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -f -a "serve" -d 'Run a local, stateful emulator of a vendor\'s deal API, with optional faults'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -f -a "reset" -d 'Put the built-in sandbox profiles back to their demo data'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l vendor -d 'Vendor API to emulate' -r -f -a "hubspot\t''
pipedrive\t''
sell\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l port -d 'Port on 127.0.0.1 (0 = any free port)' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l deals -d 'Number of demo deals' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l latency-ms -d 'Least time from each request to its response, in milliseconds' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed -d 'Seed of the demo data and of the fault dice' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l state -d 'SQLite database the state is kept in (created when missing; any number of sandboxes and crm processes may share one); without it, the state lives in memory' -r -F
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fail-rate -d 'Fraction of requests answered 500/502/503 (writes: half of them after the write was applied)' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Rate limit N/WINDOW, e.g. 100/10s (Pipedrive counts token costs)' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l burst -d 'A rolling window of requests besides --rate-limit, e.g. Pipedrive\'s burst limit 20/2s; the rate-limit headers then describe this window' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l reset-rate -d 'Fraction of responses whose connection is dropped mid-body' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l truncate-rate -d 'Fraction of responses whose JSON body is cut in half' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l slow-body-ms -d 'Trickle every body in 10 pieces with this many milliseconds before each' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l scopes -d 'HubSpot: the scopes the token was granted (comma-separated); a request needing another is answered 403 MISSING_SCOPES, e.g. --scopes crm.objects.deals.read (no owners)' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l search-rate-limit -d 'HubSpot: the search endpoint\'s own limit N/WINDOW besides --rate-limit (HubSpot: 5/1s)' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l vendor -d 'Only this vendor\'s built-in sandbox (default: all three)' -r -f -a "hubspot\t''
pipedrive\t''
sell\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Run a local, stateful emulator of a vendor\'s deal API, with optional faults'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Put the built-in sandbox profiles back to their demo data'
complete -c crm -n "__fish_crm_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "login" -d 'Check a token with the vendor and store it in the OS keyring for a profile'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "status" -d 'Show each profile\'s account, where its token comes from, and what is wrong'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "logout" -d 'Remove the stored token of a profile (the profile stays)'
complete -c crm -n "__fish_crm_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l vendor -d 'Which CRM (needed for a new profile)' -r -f -a "hubspot\t''
pipedrive\t''
sell\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l base-url -d 'API server, e.g. your Pipedrive company domain or HubSpot\'s EU data centre' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Read the token from stdin instead of prompting'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-verify -d 'Store the token without checking it with the vendor'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l insecure-storage -d 'Without a keyring, keep the token in a plaintext file (mode 0600) in the config directory'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-verify -d 'Do not ask the vendors whose tokens they are'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Check a token with the vendor and store it in the OS keyring for a profile'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show each profile\'s account, where its token comes from, and what is wrong'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the stored token of a profile (the profile stays)'
complete -c crm -n "__fish_crm_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -f -a "list" -d 'List the profiles, the built-in sandbox ones included'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -f -a "add" -d 'Add a profile; then store its token with `crm auth login --profile NAME`'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -f -a "remove" -d 'Remove a profile and its stored token'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -f -a "use" -d 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and not __fish_seen_subcommand_from list add remove use help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l vendor -d 'Which CRM' -r -f -a "hubspot\t''
pipedrive\t''
sell\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l base-url -d 'API server, e.g. your Pipedrive company domain or HubSpot\'s EU data centre' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l rate-limit-tier -d 'Your plan\'s API rate-limit tier, which sizes crm\'s limiter until the vendor\'s headers tell the real limit. HubSpot: free, starter, professional, enterprise, api-limit-increase. Pipedrive: lite, growth, premium, ultimate (or essential, advanced, professional, power, enterprise). Zendesk Sell has one limit for every plan' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l default-pipeline -d 'Pipeline (name or id) for commands that take --pipeline, when it is not given' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l default-output -d 'Output format for this profile when -o is not given' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l default -d 'Make it the default profile'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -l fields -d 'Only these fields (comma-separated; `custom.NAME` for one custom field)' -r -f -a "id\t''
vendor\t''
name\t''
amount\t''
currency\t''
pipeline\t''
stage\t''
status\t''
owner\t''
close_date\t''
probability\t''
contacts\t''
company\t''
tags\t''
custom\t''
created_at\t''
updated_at\t''
url\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles, the built-in sandbox ones included'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a profile; then store its token with `crm auth login --profile NAME`'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile and its stored token'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)'
complete -c crm -n "__fish_crm_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand api" -s X -l method -d 'HTTP method [default: GET, or POST when a body is given]' -r
complete -c crm -n "__fish_crm_using_subcommand api" -s f -l raw-field -d 'A string field (`key=value`): a body field, or a query parameter for GET and DELETE' -r
complete -c crm -n "__fish_crm_using_subcommand api" -s F -l field -d 'A typed field: numbers, true, false and null as JSON; `@FILE` the file\'s text (JSON when it parses)' -r
complete -c crm -n "__fish_crm_using_subcommand api" -l input -d 'The request body, a JSON file (`-` for stdin)' -r
complete -c crm -n "__fish_crm_using_subcommand api" -s H -l header -d 'An extra request header (`Name: value`)' -r
complete -c crm -n "__fish_crm_using_subcommand api" -l profile -d 'Profile to use (see `crm profiles list`)' -r
complete -c crm -n "__fish_crm_using_subcommand api" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c crm -n "__fish_crm_using_subcommand api" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c crm -n "__fish_crm_using_subcommand api" -l jq -d 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json' -r
complete -c crm -n "__fish_crm_using_subcommand api" -s i -l include -d 'Print the status line and the answer\'s headers before its body'
complete -c crm -n "__fish_crm_using_subcommand api" -l silent -d 'Do not print the answer\'s body'
complete -c crm -n "__fish_crm_using_subcommand api" -l paginate -d 'Follow the vendor\'s paging to the last page, printing each page\'s items as NDJSON'
complete -c crm -n "__fish_crm_using_subcommand api" -l pages -d 'With --paginate: print each page whole, one JSON line a page, instead of its items'
complete -c crm -n "__fish_crm_using_subcommand api" -l raw -d 'Include the vendor\'s untouched payload under `raw`'
complete -c crm -n "__fish_crm_using_subcommand api" -l dry-run -d 'Print the HTTP requests instead of sending them'
complete -c crm -n "__fish_crm_using_subcommand api" -s v -l verbose -d 'Trace HTTP requests and responses on stderr (tokens redacted)'
complete -c crm -n "__fish_crm_using_subcommand api" -s q -l quiet -d 'Only errors and results; no notices'
complete -c crm -n "__fish_crm_using_subcommand api" -s y -l yes -d 'Answer yes to confirmations (needed for deletes from scripts)'
complete -c crm -n "__fish_crm_using_subcommand api" -l refresh -d 'Reload cached pipelines, stages, owners and fields'
complete -c crm -n "__fish_crm_using_subcommand api" -s h -l help -d 'Print help'
complete -c crm -n "__fish_crm_using_subcommand api" -s V -l version -d 'Print version'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "deals" -d 'List, read, create, change and delete deals'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "pipelines" -d 'Pipelines of deals'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "stages" -d 'Stages of the deal pipelines'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "vendors" -d 'What each vendor supports'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "sandbox" -d 'A local emulator of the vendors\' APIs, for trying crm and scripts without an account'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "auth" -d 'Log in (store a token in the OS keyring), see which account is in use, log out'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "profiles" -d 'The CRM accounts crm knows: list, add, remove, choose the default'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "api" -d 'Any endpoint of the account\'s API, with crm\'s auth, rate limits and retries'
complete -c crm -n "__fish_crm_using_subcommand help; and not __fish_seen_subcommand_from deals pipelines stages vendors sandbox auth profiles api help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "list" -d 'List deals, filtered and sorted'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "get" -d 'Show one deal, with its contacts and company'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "create" -d 'Create a deal from flags, or deals from common-model JSON'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "update" -d 'Change a deal\'s fields; only what you pass is sent'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "delete" -d 'Delete deals (asks first on a terminal; --yes for scripts)'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "merge" -d 'Merge OTHER into KEEP; OTHER disappears'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "follow" -d 'Add a follower to a deal'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "unfollow" -d 'Remove a follower from a deal'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "followers" -d 'List a deal\'s followers'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "associate" -d 'Link a deal to a contact or a company'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "dissociate" -d 'Unlink a deal from a contact or a company'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "upsert" -d 'Update the deal matching a field, or create it when none matches'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "export" -d 'Every matching deal, streamed (NDJSON unless -o says otherwise)'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "import" -d 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "fields" -d 'List the deal fields: the common ones, and this account\'s custom fields with type and options'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "summary" -d 'Count and total deals by stage, pipeline, owner, status, currency or close month'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "timeline" -d 'Open and won deals per day, week, month or quarter of their close (or created, won) date'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from deals" -f -a "history" -d 'Show each change of a deal\'s fields: when, which, the old and new value, and who'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "list" -d 'List the deal pipelines'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from stages" -f -a "list" -d 'List the stages of every pipeline, or of one'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Run a local, stateful emulator of a vendor\'s deal API, with optional faults'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "reset" -d 'Put the built-in sandbox profiles back to their demo data'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Check a token with the vendor and store it in the OS keyring for a profile'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show each profile\'s account, where its token comes from, and what is wrong'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove the stored token of a profile (the profile stays)'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "list" -d 'List the profiles, the built-in sandbox ones included'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "add" -d 'Add a profile; then store its token with `crm auth login --profile NAME`'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "remove" -d 'Remove a profile and its stored token'
complete -c crm -n "__fish_crm_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "use" -d 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)'
