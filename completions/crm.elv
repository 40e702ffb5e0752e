
use builtin;
use str;

set edit:completion:arg-completer[crm] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'crm'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'crm'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand deals 'List, read, create, change and delete deals'
            cand pipelines 'Pipelines of deals'
            cand stages 'Stages of the deal pipelines'
            cand vendors 'What each vendor supports'
            cand sandbox 'A local emulator of the vendors'' APIs, for trying crm and scripts without an account'
            cand auth 'Log in (store a token in the OS keyring), see which account is in use, log out'
            cand profiles 'The CRM accounts crm knows: list, add, remove, choose the default'
            cand api 'Any endpoint of the account''s API, with crm''s auth, rate limits and retries'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;deals'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List deals, filtered and sorted'
            cand get 'Show one deal, with its contacts and company'
            cand create 'Create a deal from flags, or deals from common-model JSON'
            cand update 'Change a deal''s fields; only what you pass is sent'
            cand delete 'Delete deals (asks first on a terminal; --yes for scripts)'
            cand merge 'Merge OTHER into KEEP; OTHER disappears'
            cand follow 'Add a follower to a deal'
            cand unfollow 'Remove a follower from a deal'
            cand followers 'List a deal''s followers'
            cand associate 'Link a deal to a contact or a company'
            cand dissociate 'Unlink a deal from a contact or a company'
            cand upsert 'Update the deal matching a field, or create it when none matches'
            cand export 'Every matching deal, streamed (NDJSON unless -o says otherwise)'
            cand import 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for'
            cand fields 'List the deal fields: the common ones, and this account''s custom fields with type and options'
            cand summary 'Count and total deals by stage, pipeline, owner, status, currency or close month'
            cand timeline 'Open and won deals per day, week, month or quarter of their close (or created, won) date'
            cand history 'Show each change of a deal''s fields: when, which, the old and new value, and who'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;deals;list'= {
            cand --stage 'Only deals in this stage (name or id)'
            cand --pipeline 'Only deals in this pipeline (name or id)'
            cand --owner 'Only deals owned by this user (name, email or id)'
            cand --status 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete'
            cand --contact 'Only deals associated with this contact (id)'
            cand --company 'Only deals associated with this company (id)'
            cand --updated-since 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d'
            cand --updated-until 'Only deals last changed before then (same forms as --updated-since)'
            cand --search 'Only deals matching this text'
            cand --ids 'Only these deals (comma-separated ids)'
            cand --name 'Only deals with exactly this name'
            cand --close-date 'Only deals expected to close on this day (YYYY-MM-DD)'
            cand --source 'Only deals from this source (its id)'
            cand --custom 'Only deals whose custom field NAME equals VALUE (repeatable)'
            cand --sort 'Sort by id, name, amount, close_date, created_at or updated_at, ascending or with `:desc` (`crm vendors` shows which a vendor sorts itself; crm sorts the others on --all)'
            cand --limit 'At most N deals [default: 100]'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --hot 'Only deals marked hot'
            cand --archived 'Archived (deleted) deals instead of live ones'
            cand --with-contacts 'Read every deal''s contacts (one extra request per deal on some vendors)'
            cand --all 'Every matching deal, page after page'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;get'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --archived 'Show it even if it was deleted but the vendor still keeps it (HubSpot''s recycling bin, Pipedrive''s deleted deals for 30 days); it then carries "deleted": true'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;create'= {
            cand --name 'The deal''s name'
            cand --amount 'Amount with a dot for decimals, e.g. 1500.00'
            cand --currency 'ISO 4217 currency code, e.g. USD'
            cand --pipeline 'Pipeline (name or id)'
            cand --stage 'Stage (name or id)'
            cand --status 'Won or lost moves the deal to its pipeline''s closing stage'
            cand --owner 'Owner (name, email or id)'
            cand --close-date 'Expected close date, YYYY-MM-DD'
            cand --contact 'Associate a contact (id; repeatable)'
            cand --company 'Associate a company (id)'
            cand --tags 'Replace the tags with these'
            cand --set 'Set a custom field or property by name (repeatable)'
            cand --from 'Read deals from a file (`-` for stdin): a JSON object, a JSON array or NDJSON'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;update'= {
            cand --name 'The deal''s name'
            cand --amount 'Amount with a dot for decimals, e.g. 1500.00'
            cand --currency 'ISO 4217 currency code, e.g. USD'
            cand --pipeline 'Pipeline (name or id)'
            cand --stage 'Stage (name or id)'
            cand --status 'Won or lost moves the deal to its pipeline''s closing stage'
            cand --owner 'Owner (name, email or id)'
            cand --close-date 'Expected close date, YYYY-MM-DD'
            cand --contact 'Associate a contact (id; repeatable)'
            cand --company 'Associate a company (id)'
            cand --tags 'Replace the tags with these'
            cand --set 'Set a custom field or property by name (repeatable)'
            cand --tag 'Add a tag to the existing ones (repeatable)'
            cand --unset 'Clear a field or property (repeatable)'
            cand --lost-reason 'Why the deal was lost (with --status lost)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;delete'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;merge'= {
            cand --into 'The deal that survives'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;follow'= {
            cand --user 'The user (name, email or id)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;unfollow'= {
            cand --user 'The user (name, email or id)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;followers'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;associate'= {
            cand --contact 'The contact (person) to link'
            cand --company 'The company (organization) to link'
            cand --role 'The contact''s role on the deal (Zendesk Sell)'
            cand --label 'An association label (HubSpot)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --primary 'Make it the deal''s primary contact or company'
            cand --replace 'Replace the deal''s company when it already has one'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;dissociate'= {
            cand --contact 'The contact (person) to unlink'
            cand --company 'The company (organization) to unlink'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;upsert'= {
            cand --match 'The field that identifies the deal (repeatable)'
            cand --name 'The deal''s name'
            cand --amount 'Amount with a dot for decimals, e.g. 1500.00'
            cand --currency 'ISO 4217 currency code, e.g. USD'
            cand --pipeline 'Pipeline (name or id)'
            cand --stage 'Stage (name or id)'
            cand --status 'Won or lost moves the deal to its pipeline''s closing stage'
            cand --owner 'Owner (name, email or id)'
            cand --close-date 'Expected close date, YYYY-MM-DD'
            cand --contact 'Associate a contact (id; repeatable)'
            cand --company 'Associate a company (id)'
            cand --tags 'Replace the tags with these'
            cand --set 'Set a custom field or property by name (repeatable)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;export'= {
            cand --stage 'Only deals in this stage (name or id)'
            cand --pipeline 'Only deals in this pipeline (name or id)'
            cand --owner 'Only deals owned by this user (name, email or id)'
            cand --status 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete'
            cand --contact 'Only deals associated with this contact (id)'
            cand --company 'Only deals associated with this company (id)'
            cand --updated-since 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d'
            cand --updated-until 'Only deals last changed before then (same forms as --updated-since)'
            cand --search 'Only deals matching this text'
            cand --ids 'Only these deals (comma-separated ids)'
            cand --name 'Only deals with exactly this name'
            cand --close-date 'Only deals expected to close on this day (YYYY-MM-DD)'
            cand --source 'Only deals from this source (its id)'
            cand --custom 'Only deals whose custom field NAME equals VALUE (repeatable)'
            cand --sort 'Sort by id, name, amount, close_date, created_at or updated_at, ascending or with `:desc` (`crm vendors` shows which a vendor sorts itself; crm sorts the others on --all)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --hot 'Only deals marked hot'
            cand --archived 'Archived (deleted) deals instead of live ones'
            cand --with-contacts 'Read every deal''s contacts (one extra request per deal on some vendors)'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;import'= {
            cand --format 'Input format (default: from the file name, else JSON when it starts with `[`, else NDJSON)'
            cand --upsert-key 'Create or update each deal by this unique custom field (e.g. external_id)'
            cand --journal 'Record confirmed writes here, and skip what an earlier run with this journal did'
            cand --rejects 'Write the records that failed here, in the input''s format'
            cand --concurrency 'Batches in flight at once (the vendor''s rate limit still applies)'
            cand --map 'Mapping of names for a migration (TOML or JSON)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --plan 'Check every record and print what would happen (create / update / unchanged); write nothing'
            cand --strict 'Stop before writing anything when any record is malformed'
            cand --skip-existing 'Report a record whose unique value a deal already holds as skipped (with that deal''s id), not failed'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;fields'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;summary'= {
            cand --by 'What to group deals by'
            cand --in-currency 'Also total every row in this currency, where the vendor converts amounts (Pipedrive''s converted totals, HubSpot''s amount in the company currency)'
            cand --via 'Where the figures come from: the vendor''s own report where one answers (auto), that report or a refusal (vendor), or crm summing the listed deals (list)'
            cand --stage 'Only deals in this stage (name or id)'
            cand --pipeline 'Only deals in this pipeline (name or id)'
            cand --owner 'Only deals owned by this user (name, email or id)'
            cand --status 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete'
            cand --contact 'Only deals associated with this contact (id)'
            cand --company 'Only deals associated with this company (id)'
            cand --updated-since 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d'
            cand --updated-until 'Only deals last changed before then (same forms as --updated-since)'
            cand --search 'Only deals matching this text'
            cand --ids 'Only these deals (comma-separated ids)'
            cand --name 'Only deals with exactly this name'
            cand --close-date 'Only deals expected to close on this day (YYYY-MM-DD)'
            cand --source 'Only deals from this source (its id)'
            cand --custom 'Only deals whose custom field NAME equals VALUE (repeatable)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --hot 'Only deals marked hot'
            cand --archived 'Archived (deleted) deals instead of live ones'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;timeline'= {
            cand --interval 'How long each period is'
            cand --from 'The first day of the first period (YYYY-MM-DD)'
            cand --periods 'How many periods'
            cand --field 'The deal date that places a deal in a period'
            cand --in-currency 'Also total every row in this currency, where the vendor converts amounts (Pipedrive''s converted totals, HubSpot''s amount in the company currency)'
            cand --via 'Where the figures come from: the vendor''s own report where one answers (auto), that report or a refusal (vendor), or crm summing the listed deals (list)'
            cand --stage 'Only deals in this stage (name or id)'
            cand --pipeline 'Only deals in this pipeline (name or id)'
            cand --owner 'Only deals owned by this user (name, email or id)'
            cand --status 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete'
            cand --contact 'Only deals associated with this contact (id)'
            cand --company 'Only deals associated with this company (id)'
            cand --updated-since 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d'
            cand --updated-until 'Only deals last changed before then (same forms as --updated-since)'
            cand --search 'Only deals matching this text'
            cand --ids 'Only these deals (comma-separated ids)'
            cand --name 'Only deals with exactly this name'
            cand --close-date 'Only deals expected to close on this day (YYYY-MM-DD)'
            cand --source 'Only deals from this source (its id)'
            cand --custom 'Only deals whose custom field NAME equals VALUE (repeatable)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --hot 'Only deals marked hot'
            cand --archived 'Archived (deleted) deals instead of live ones'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;history'= {
            cand --field 'Only this field''s changes, by its common name (`stage`, `amount`, `custom.Region`); repeatable'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;deals;help'= {
            cand list 'List deals, filtered and sorted'
            cand get 'Show one deal, with its contacts and company'
            cand create 'Create a deal from flags, or deals from common-model JSON'
            cand update 'Change a deal''s fields; only what you pass is sent'
            cand delete 'Delete deals (asks first on a terminal; --yes for scripts)'
            cand merge 'Merge OTHER into KEEP; OTHER disappears'
            cand follow 'Add a follower to a deal'
            cand unfollow 'Remove a follower from a deal'
            cand followers 'List a deal''s followers'
            cand associate 'Link a deal to a contact or a company'
            cand dissociate 'Unlink a deal from a contact or a company'
            cand upsert 'Update the deal matching a field, or create it when none matches'
            cand export 'Every matching deal, streamed (NDJSON unless -o says otherwise)'
            cand import 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for'
            cand fields 'List the deal fields: the common ones, and this account''s custom fields with type and options'
            cand summary 'Count and total deals by stage, pipeline, owner, status, currency or close month'
            cand timeline 'Open and won deals per day, week, month or quarter of their close (or created, won) date'
            cand history 'Show each change of a deal''s fields: when, which, the old and new value, and who'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;deals;help;list'= {
        }
        &'crm;deals;help;get'= {
        }
        &'crm;deals;help;create'= {
        }
        &'crm;deals;help;update'= {
        }
        &'crm;deals;help;delete'= {
        }
        &'crm;deals;help;merge'= {
        }
        &'crm;deals;help;follow'= {
        }
        &'crm;deals;help;unfollow'= {
        }
        &'crm;deals;help;followers'= {
        }
        &'crm;deals;help;associate'= {
        }
        &'crm;deals;help;dissociate'= {
        }
        &'crm;deals;help;upsert'= {
        }
        &'crm;deals;help;export'= {
        }
        &'crm;deals;help;import'= {
        }
        &'crm;deals;help;fields'= {
        }
        &'crm;deals;help;summary'= {
        }
        &'crm;deals;help;timeline'= {
        }
        &'crm;deals;help;history'= {
        }
        &'crm;deals;help;help'= {
        }
        &'crm;pipelines'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the deal pipelines'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;pipelines;list'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;pipelines;help'= {
            cand list 'List the deal pipelines'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;pipelines;help;list'= {
        }
        &'crm;pipelines;help;help'= {
        }
        &'crm;stages'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the stages of every pipeline, or of one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;stages;list'= {
            cand --pipeline 'Only this pipeline''s stages (name or id; default: the profile''s default pipeline)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;stages;help'= {
            cand list 'List the stages of every pipeline, or of one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;stages;help;list'= {
        }
        &'crm;stages;help;help'= {
        }
        &'crm;vendors'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;sandbox'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Run a local, stateful emulator of a vendor''s deal API, with optional faults'
            cand reset 'Put the built-in sandbox profiles back to their demo data'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;sandbox;serve'= {
            cand --vendor 'Vendor API to emulate'
            cand --port 'Port on 127.0.0.1 (0 = any free port)'
            cand --deals 'Number of demo deals'
            cand --latency-ms 'Least time from each request to its response, in milliseconds'
            cand --seed 'Seed of the demo data and of the fault dice'
            cand --state 'SQLite database the state is kept in (created when missing; any number of sandboxes and crm processes may share one); without it, the state lives in memory'
            cand --fail-rate 'Fraction of requests answered 500/502/503 (writes: half of them after the write was applied)'
            cand --rate-limit 'Rate limit N/WINDOW, e.g. 100/10s (Pipedrive counts token costs)'
            cand --burst 'A rolling window of requests besides --rate-limit, e.g. Pipedrive''s burst limit 20/2s; the rate-limit headers then describe this window'
            cand --reset-rate 'Fraction of responses whose connection is dropped mid-body'
            cand --truncate-rate 'Fraction of responses whose JSON body is cut in half'
            cand --slow-body-ms 'Trickle every body in 10 pieces with this many milliseconds before each'
            cand --scopes 'HubSpot: the scopes the token was granted (comma-separated); a request needing another is answered 403 MISSING_SCOPES, e.g. --scopes crm.objects.deals.read (no owners)'
            cand --search-rate-limit 'HubSpot: the search endpoint''s own limit N/WINDOW besides --rate-limit (HubSpot: 5/1s)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;sandbox;reset'= {
            cand --vendor 'Only this vendor''s built-in sandbox (default: all three)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;sandbox;help'= {
            cand serve 'Run a local, stateful emulator of a vendor''s deal API, with optional faults'
            cand reset 'Put the built-in sandbox profiles back to their demo data'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;sandbox;help;serve'= {
        }
        &'crm;sandbox;help;reset'= {
        }
        &'crm;sandbox;help;help'= {
        }
        &'crm;auth'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Check a token with the vendor and store it in the OS keyring for a profile'
            cand status 'Show each profile''s account, where its token comes from, and what is wrong'
            cand logout 'Remove the stored token of a profile (the profile stays)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;auth;login'= {
            cand --vendor 'Which CRM (needed for a new profile)'
            cand --base-url 'API server, e.g. your Pipedrive company domain or HubSpot''s EU data centre'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --with-token 'Read the token from stdin instead of prompting'
            cand --no-verify 'Store the token without checking it with the vendor'
            cand --insecure-storage 'Without a keyring, keep the token in a plaintext file (mode 0600) in the config directory'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;auth;status'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --no-verify 'Do not ask the vendors whose tokens they are'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;auth;logout'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;auth;help'= {
            cand login 'Check a token with the vendor and store it in the OS keyring for a profile'
            cand status 'Show each profile''s account, where its token comes from, and what is wrong'
            cand logout 'Remove the stored token of a profile (the profile stays)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;auth;help;login'= {
        }
        &'crm;auth;help;status'= {
        }
        &'crm;auth;help;logout'= {
        }
        &'crm;auth;help;help'= {
        }
        &'crm;profiles'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the profiles, the built-in sandbox ones included'
            cand add 'Add a profile; then store its token with `crm auth login --profile NAME`'
            cand remove 'Remove a profile and its stored token'
            cand use 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;profiles;list'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;profiles;add'= {
            cand --vendor 'Which CRM'
            cand --base-url 'API server, e.g. your Pipedrive company domain or HubSpot''s EU data centre'
            cand --rate-limit-tier 'Your plan''s API rate-limit tier, which sizes crm''s limiter until the vendor''s headers tell the real limit. HubSpot: free, starter, professional, enterprise, api-limit-increase. Pipedrive: lite, growth, premium, ultimate (or essential, advanced, professional, power, enterprise). Zendesk Sell has one limit for every plan'
            cand --default-pipeline 'Pipeline (name or id) for commands that take --pipeline, when it is not given'
            cand --default-output 'Output format for this profile when -o is not given'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --default 'Make it the default profile'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;profiles;remove'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;profiles;use'= {
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --fields 'Only these fields (comma-separated; `custom.NAME` for one custom field)'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;profiles;help'= {
            cand list 'List the profiles, the built-in sandbox ones included'
            cand add 'Add a profile; then store its token with `crm auth login --profile NAME`'
            cand remove 'Remove a profile and its stored token'
            cand use 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;profiles;help;list'= {
        }
        &'crm;profiles;help;add'= {
        }
        &'crm;profiles;help;remove'= {
        }
        &'crm;profiles;help;use'= {
        }
        &'crm;profiles;help;help'= {
        }
        &'crm;api'= {
            cand -X 'HTTP method [default: GET, or POST when a body is given]'
            cand --method 'HTTP method [default: GET, or POST when a body is given]'
            cand -f 'A string field (`key=value`): a body field, or a query parameter for GET and DELETE'
            cand --raw-field 'A string field (`key=value`): a body field, or a query parameter for GET and DELETE'
            cand -F 'A typed field: numbers, true, false and null as JSON; `@FILE` the file''s text (JSON when it parses)'
            cand --field 'A typed field: numbers, true, false and null as JSON; `@FILE` the file''s text (JSON when it parses)'
            cand --input 'The request body, a JSON file (`-` for stdin)'
            cand -H 'An extra request header (`Name: value`)'
            cand --header 'An extra request header (`Name: value`)'
            cand --profile 'Profile to use (see `crm profiles list`)'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --color 'When to use colour'
            cand --jq 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json'
            cand -i 'Print the status line and the answer''s headers before its body'
            cand --include 'Print the status line and the answer''s headers before its body'
            cand --silent 'Do not print the answer''s body'
            cand --paginate 'Follow the vendor''s paging to the last page, printing each page''s items as NDJSON'
            cand --pages 'With --paginate: print each page whole, one JSON line a page, instead of its items'
            cand --raw 'Include the vendor''s untouched payload under `raw`'
            cand --dry-run 'Print the HTTP requests instead of sending them'
            cand -v 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand --verbose 'Trace HTTP requests and responses on stderr (tokens redacted)'
            cand -q 'Only errors and results; no notices'
            cand --quiet 'Only errors and results; no notices'
            cand -y 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --yes 'Answer yes to confirmations (needed for deletes from scripts)'
            cand --refresh 'Reload cached pipelines, stages, owners and fields'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'crm;help'= {
            cand deals 'List, read, create, change and delete deals'
            cand pipelines 'Pipelines of deals'
            cand stages 'Stages of the deal pipelines'
            cand vendors 'What each vendor supports'
            cand sandbox 'A local emulator of the vendors'' APIs, for trying crm and scripts without an account'
            cand auth 'Log in (store a token in the OS keyring), see which account is in use, log out'
            cand profiles 'The CRM accounts crm knows: list, add, remove, choose the default'
            cand api 'Any endpoint of the account''s API, with crm''s auth, rate limits and retries'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'crm;help;deals'= {
            cand list 'List deals, filtered and sorted'
            cand get 'Show one deal, with its contacts and company'
            cand create 'Create a deal from flags, or deals from common-model JSON'
            cand update 'Change a deal''s fields; only what you pass is sent'
            cand delete 'Delete deals (asks first on a terminal; --yes for scripts)'
            cand merge 'Merge OTHER into KEEP; OTHER disappears'
            cand follow 'Add a follower to a deal'
            cand unfollow 'Remove a follower from a deal'
            cand followers 'List a deal''s followers'
            cand associate 'Link a deal to a contact or a company'
            cand dissociate 'Unlink a deal from a contact or a company'
            cand upsert 'Update the deal matching a field, or create it when none matches'
            cand export 'Every matching deal, streamed (NDJSON unless -o says otherwise)'
            cand import 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for'
            cand fields 'List the deal fields: the common ones, and this account''s custom fields with type and options'
            cand summary 'Count and total deals by stage, pipeline, owner, status, currency or close month'
            cand timeline 'Open and won deals per day, week, month or quarter of their close (or created, won) date'
            cand history 'Show each change of a deal''s fields: when, which, the old and new value, and who'
        }
        &'crm;help;deals;list'= {
        }
        &'crm;help;deals;get'= {
        }
        &'crm;help;deals;create'= {
        }
        &'crm;help;deals;update'= {
        }
        &'crm;help;deals;delete'= {
        }
        &'crm;help;deals;merge'= {
        }
        &'crm;help;deals;follow'= {
        }
        &'crm;help;deals;unfollow'= {
        }
        &'crm;help;deals;followers'= {
        }
        &'crm;help;deals;associate'= {
        }
        &'crm;help;deals;dissociate'= {
        }
        &'crm;help;deals;upsert'= {
        }
        &'crm;help;deals;export'= {
        }
        &'crm;help;deals;import'= {
        }
        &'crm;help;deals;fields'= {
        }
        &'crm;help;deals;summary'= {
        }
        &'crm;help;deals;timeline'= {
        }
        &'crm;help;deals;history'= {
        }
        &'crm;help;pipelines'= {
            cand list 'List the deal pipelines'
        }
        &'crm;help;pipelines;list'= {
        }
        &'crm;help;stages'= {
            cand list 'List the stages of every pipeline, or of one'
        }
        &'crm;help;stages;list'= {
        }
        &'crm;help;vendors'= {
        }
        &'crm;help;sandbox'= {
            cand serve 'Run a local, stateful emulator of a vendor''s deal API, with optional faults'
            cand reset 'Put the built-in sandbox profiles back to their demo data'
        }
        &'crm;help;sandbox;serve'= {
        }
        &'crm;help;sandbox;reset'= {
        }
        &'crm;help;auth'= {
            cand login 'Check a token with the vendor and store it in the OS keyring for a profile'
            cand status 'Show each profile''s account, where its token comes from, and what is wrong'
            cand logout 'Remove the stored token of a profile (the profile stays)'
        }
        &'crm;help;auth;login'= {
        }
        &'crm;help;auth;status'= {
        }
        &'crm;help;auth;logout'= {
        }
        &'crm;help;profiles'= {
            cand list 'List the profiles, the built-in sandbox ones included'
            cand add 'Add a profile; then store its token with `crm auth login --profile NAME`'
            cand remove 'Remove a profile and its stored token'
            cand use 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)'
        }
        &'crm;help;profiles;list'= {
        }
        &'crm;help;profiles;add'= {
        }
        &'crm;help;profiles;remove'= {
        }
        &'crm;help;profiles;use'= {
        }
        &'crm;help;api'= {
        }
        &'crm;help;help'= {
        }
    ]
    $completions[$command]
}
