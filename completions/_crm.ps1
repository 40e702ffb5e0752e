
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'crm' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'crm'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'crm' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('deals', 'deals', [CompletionResultType]::ParameterValue, 'List, read, create, change and delete deals')
            [CompletionResult]::new('pipelines', 'pipelines', [CompletionResultType]::ParameterValue, 'Pipelines of deals')
            [CompletionResult]::new('stages', 'stages', [CompletionResultType]::ParameterValue, 'Stages of the deal pipelines')
            [CompletionResult]::new('vendors', 'vendors', [CompletionResultType]::ParameterValue, 'What each vendor supports')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'A local emulator of the vendors'' APIs, for trying crm and scripts without an account')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in (store a token in the OS keyring), see which account is in use, log out')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'The CRM accounts crm knows: list, add, remove, choose the default')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Any endpoint of the account''s API, with crm''s auth, rate limits and retries')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;deals' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List deals, filtered and sorted')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one deal, with its contacts and company')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a deal from flags, or deals from common-model JSON')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a deal''s fields; only what you pass is sent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete deals (asks first on a terminal; --yes for scripts)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge OTHER into KEEP; OTHER disappears')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Add a follower to a deal')
            [CompletionResult]::new('unfollow', 'unfollow', [CompletionResultType]::ParameterValue, 'Remove a follower from a deal')
            [CompletionResult]::new('followers', 'followers', [CompletionResultType]::ParameterValue, 'List a deal''s followers')
            [CompletionResult]::new('associate', 'associate', [CompletionResultType]::ParameterValue, 'Link a deal to a contact or a company')
            [CompletionResult]::new('dissociate', 'dissociate', [CompletionResultType]::ParameterValue, 'Unlink a deal from a contact or a company')
            [CompletionResult]::new('upsert', 'upsert', [CompletionResultType]::ParameterValue, 'Update the deal matching a field, or create it when none matches')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every matching deal, streamed (NDJSON unless -o says otherwise)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the deal fields: the common ones, and this account''s custom fields with type and options')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Count and total deals by stage, pipeline, owner, status, currency or close month')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Open and won deals per day, week, month or quarter of their close (or created, won) date')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show each change of a deal''s fields: when, which, the old and new value, and who')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;deals;list' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Only deals in this stage (name or id)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Only deals in this pipeline (name or id)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only deals owned by this user (name, email or id)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Only deals associated with this contact (id)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Only deals associated with this company (id)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d')
            [CompletionResult]::new('--updated-until', '--updated-until', [CompletionResultType]::ParameterName, 'Only deals last changed before then (same forms as --updated-since)')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only deals matching this text')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'Only these deals (comma-separated ids)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only deals with exactly this name')
            [CompletionResult]::new('--close-date', '--close-date', [CompletionResultType]::ParameterName, 'Only deals expected to close on this day (YYYY-MM-DD)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only deals from this source (its id)')
            [CompletionResult]::new('--custom', '--custom', [CompletionResultType]::ParameterName, 'Only deals whose custom field NAME equals VALUE (repeatable)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Sort by id, name, amount, close_date, created_at or updated_at, ascending or with `:desc` (`crm vendors` shows which a vendor sorts itself; crm sorts the others on --all)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N deals [default: 100]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--hot', '--hot', [CompletionResultType]::ParameterName, 'Only deals marked hot')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Archived (deleted) deals instead of live ones')
            [CompletionResult]::new('--with-contacts', '--with-contacts', [CompletionResultType]::ParameterName, 'Read every deal''s contacts (one extra request per deal on some vendors)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every matching deal, page after page')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;get' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Show it even if it was deleted but the vendor still keeps it (HubSpot''s recycling bin, Pipedrive''s deleted deals for 30 days); it then carries "deleted": true')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The deal''s name')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount with a dot for decimals, e.g. 1500.00')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'ISO 4217 currency code, e.g. USD')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Pipeline (name or id)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Stage (name or id)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Won or lost moves the deal to its pipeline''s closing stage')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owner (name, email or id)')
            [CompletionResult]::new('--close-date', '--close-date', [CompletionResultType]::ParameterName, 'Expected close date, YYYY-MM-DD')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Associate a contact (id; repeatable)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Associate a company (id)')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Replace the tags with these')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set a custom field or property by name (repeatable)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read deals from a file (`-` for stdin): a JSON object, a JSON array or NDJSON')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The deal''s name')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount with a dot for decimals, e.g. 1500.00')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'ISO 4217 currency code, e.g. USD')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Pipeline (name or id)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Stage (name or id)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Won or lost moves the deal to its pipeline''s closing stage')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owner (name, email or id)')
            [CompletionResult]::new('--close-date', '--close-date', [CompletionResultType]::ParameterName, 'Expected close date, YYYY-MM-DD')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Associate a contact (id; repeatable)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Associate a company (id)')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Replace the tags with these')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set a custom field or property by name (repeatable)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag to the existing ones (repeatable)')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Clear a field or property (repeatable)')
            [CompletionResult]::new('--lost-reason', '--lost-reason', [CompletionResultType]::ParameterName, 'Why the deal was lost (with --status lost)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;merge' {
            [CompletionResult]::new('--into', '--into', [CompletionResultType]::ParameterName, 'The deal that survives')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;follow' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user (name, email or id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;unfollow' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user (name, email or id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;followers' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;associate' {
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'The contact (person) to link')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'The company (organization) to link')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The contact''s role on the deal (Zendesk Sell)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'An association label (HubSpot)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--primary', '--primary', [CompletionResultType]::ParameterName, 'Make it the deal''s primary contact or company')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace the deal''s company when it already has one')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;dissociate' {
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'The contact (person) to unlink')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'The company (organization) to unlink')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;upsert' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'The field that identifies the deal (repeatable)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The deal''s name')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount with a dot for decimals, e.g. 1500.00')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'ISO 4217 currency code, e.g. USD')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Pipeline (name or id)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Stage (name or id)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Won or lost moves the deal to its pipeline''s closing stage')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owner (name, email or id)')
            [CompletionResult]::new('--close-date', '--close-date', [CompletionResultType]::ParameterName, 'Expected close date, YYYY-MM-DD')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Associate a contact (id; repeatable)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Associate a company (id)')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Replace the tags with these')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set a custom field or property by name (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;export' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Only deals in this stage (name or id)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Only deals in this pipeline (name or id)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only deals owned by this user (name, email or id)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Only deals associated with this contact (id)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Only deals associated with this company (id)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d')
            [CompletionResult]::new('--updated-until', '--updated-until', [CompletionResultType]::ParameterName, 'Only deals last changed before then (same forms as --updated-since)')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only deals matching this text')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'Only these deals (comma-separated ids)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only deals with exactly this name')
            [CompletionResult]::new('--close-date', '--close-date', [CompletionResultType]::ParameterName, 'Only deals expected to close on this day (YYYY-MM-DD)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only deals from this source (its id)')
            [CompletionResult]::new('--custom', '--custom', [CompletionResultType]::ParameterName, 'Only deals whose custom field NAME equals VALUE (repeatable)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Sort by id, name, amount, close_date, created_at or updated_at, ascending or with `:desc` (`crm vendors` shows which a vendor sorts itself; crm sorts the others on --all)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--hot', '--hot', [CompletionResultType]::ParameterName, 'Only deals marked hot')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Archived (deleted) deals instead of live ones')
            [CompletionResult]::new('--with-contacts', '--with-contacts', [CompletionResultType]::ParameterName, 'Read every deal''s contacts (one extra request per deal on some vendors)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format (default: from the file name, else JSON when it starts with `[`, else NDJSON)')
            [CompletionResult]::new('--upsert-key', '--upsert-key', [CompletionResultType]::ParameterName, 'Create or update each deal by this unique custom field (e.g. external_id)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Record confirmed writes here, and skip what an earlier run with this journal did')
            [CompletionResult]::new('--rejects', '--rejects', [CompletionResultType]::ParameterName, 'Write the records that failed here, in the input''s format')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Batches in flight at once (the vendor''s rate limit still applies)')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'Mapping of names for a migration (TOML or JSON)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Check every record and print what would happen (create / update / unchanged); write nothing')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Stop before writing anything when any record is malformed')
            [CompletionResult]::new('--skip-existing', '--skip-existing', [CompletionResultType]::ParameterName, 'Report a record whose unique value a deal already holds as skipped (with that deal''s id), not failed')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;fields' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;summary' {
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'What to group deals by')
            [CompletionResult]::new('--in-currency', '--in-currency', [CompletionResultType]::ParameterName, 'Also total every row in this currency, where the vendor converts amounts (Pipedrive''s converted totals, HubSpot''s amount in the company currency)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'Where the figures come from: the vendor''s own report where one answers (auto), that report or a refusal (vendor), or crm summing the listed deals (list)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Only deals in this stage (name or id)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Only deals in this pipeline (name or id)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only deals owned by this user (name, email or id)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Only deals associated with this contact (id)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Only deals associated with this company (id)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d')
            [CompletionResult]::new('--updated-until', '--updated-until', [CompletionResultType]::ParameterName, 'Only deals last changed before then (same forms as --updated-since)')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only deals matching this text')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'Only these deals (comma-separated ids)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only deals with exactly this name')
            [CompletionResult]::new('--close-date', '--close-date', [CompletionResultType]::ParameterName, 'Only deals expected to close on this day (YYYY-MM-DD)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only deals from this source (its id)')
            [CompletionResult]::new('--custom', '--custom', [CompletionResultType]::ParameterName, 'Only deals whose custom field NAME equals VALUE (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--hot', '--hot', [CompletionResultType]::ParameterName, 'Only deals marked hot')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Archived (deleted) deals instead of live ones')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;timeline' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How long each period is')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The first day of the first period (YYYY-MM-DD)')
            [CompletionResult]::new('--periods', '--periods', [CompletionResultType]::ParameterName, 'How many periods')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'The deal date that places a deal in a period')
            [CompletionResult]::new('--in-currency', '--in-currency', [CompletionResultType]::ParameterName, 'Also total every row in this currency, where the vendor converts amounts (Pipedrive''s converted totals, HubSpot''s amount in the company currency)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'Where the figures come from: the vendor''s own report where one answers (auto), that report or a refusal (vendor), or crm summing the listed deals (list)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Only deals in this stage (name or id)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Only deals in this pipeline (name or id)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only deals owned by this user (name, email or id)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only open, won or lost deals; deleted: those the vendor still keeps after a delete')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Only deals associated with this contact (id)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Only deals associated with this company (id)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only deals changed since then: 2026-11-01, an RFC 3339 time, or an age like 7d')
            [CompletionResult]::new('--updated-until', '--updated-until', [CompletionResultType]::ParameterName, 'Only deals last changed before then (same forms as --updated-since)')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only deals matching this text')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'Only these deals (comma-separated ids)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only deals with exactly this name')
            [CompletionResult]::new('--close-date', '--close-date', [CompletionResultType]::ParameterName, 'Only deals expected to close on this day (YYYY-MM-DD)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only deals from this source (its id)')
            [CompletionResult]::new('--custom', '--custom', [CompletionResultType]::ParameterName, 'Only deals whose custom field NAME equals VALUE (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--hot', '--hot', [CompletionResultType]::ParameterName, 'Only deals marked hot')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Archived (deleted) deals instead of live ones')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;history' {
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Only this field''s changes, by its common name (`stage`, `amount`, `custom.Region`); repeatable')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;deals;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List deals, filtered and sorted')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one deal, with its contacts and company')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a deal from flags, or deals from common-model JSON')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a deal''s fields; only what you pass is sent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete deals (asks first on a terminal; --yes for scripts)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge OTHER into KEEP; OTHER disappears')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Add a follower to a deal')
            [CompletionResult]::new('unfollow', 'unfollow', [CompletionResultType]::ParameterValue, 'Remove a follower from a deal')
            [CompletionResult]::new('followers', 'followers', [CompletionResultType]::ParameterValue, 'List a deal''s followers')
            [CompletionResult]::new('associate', 'associate', [CompletionResultType]::ParameterValue, 'Link a deal to a contact or a company')
            [CompletionResult]::new('dissociate', 'dissociate', [CompletionResultType]::ParameterValue, 'Unlink a deal from a contact or a company')
            [CompletionResult]::new('upsert', 'upsert', [CompletionResultType]::ParameterValue, 'Update the deal matching a field, or create it when none matches')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every matching deal, streamed (NDJSON unless -o says otherwise)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the deal fields: the common ones, and this account''s custom fields with type and options')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Count and total deals by stage, pipeline, owner, status, currency or close month')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Open and won deals per day, week, month or quarter of their close (or created, won) date')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show each change of a deal''s fields: when, which, the old and new value, and who')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;deals;help;list' {
            break
        }
        'crm;deals;help;get' {
            break
        }
        'crm;deals;help;create' {
            break
        }
        'crm;deals;help;update' {
            break
        }
        'crm;deals;help;delete' {
            break
        }
        'crm;deals;help;merge' {
            break
        }
        'crm;deals;help;follow' {
            break
        }
        'crm;deals;help;unfollow' {
            break
        }
        'crm;deals;help;followers' {
            break
        }
        'crm;deals;help;associate' {
            break
        }
        'crm;deals;help;dissociate' {
            break
        }
        'crm;deals;help;upsert' {
            break
        }
        'crm;deals;help;export' {
            break
        }
        'crm;deals;help;import' {
            break
        }
        'crm;deals;help;fields' {
            break
        }
        'crm;deals;help;summary' {
            break
        }
        'crm;deals;help;timeline' {
            break
        }
        'crm;deals;help;history' {
            break
        }
        'crm;deals;help;help' {
            break
        }
        'crm;pipelines' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deal pipelines')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;pipelines;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;pipelines;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deal pipelines')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;pipelines;help;list' {
            break
        }
        'crm;pipelines;help;help' {
            break
        }
        'crm;stages' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the stages of every pipeline, or of one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;stages;list' {
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Only this pipeline''s stages (name or id; default: the profile''s default pipeline)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;stages;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the stages of every pipeline, or of one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;stages;help;list' {
            break
        }
        'crm;stages;help;help' {
            break
        }
        'crm;vendors' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;sandbox' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local, stateful emulator of a vendor''s deal API, with optional faults')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Put the built-in sandbox profiles back to their demo data')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;sandbox;serve' {
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Vendor API to emulate')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 = any free port)')
            [CompletionResult]::new('--deals', '--deals', [CompletionResultType]::ParameterName, 'Number of demo deals')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Least time from each request to its response, in milliseconds')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the demo data and of the fault dice')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'SQLite database the state is kept in (created when missing; any number of sandboxes and crm processes may share one); without it, the state lives in memory')
            [CompletionResult]::new('--fail-rate', '--fail-rate', [CompletionResultType]::ParameterName, 'Fraction of requests answered 500/502/503 (writes: half of them after the write was applied)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Rate limit N/WINDOW, e.g. 100/10s (Pipedrive counts token costs)')
            [CompletionResult]::new('--burst', '--burst', [CompletionResultType]::ParameterName, 'A rolling window of requests besides --rate-limit, e.g. Pipedrive''s burst limit 20/2s; the rate-limit headers then describe this window')
            [CompletionResult]::new('--reset-rate', '--reset-rate', [CompletionResultType]::ParameterName, 'Fraction of responses whose connection is dropped mid-body')
            [CompletionResult]::new('--truncate-rate', '--truncate-rate', [CompletionResultType]::ParameterName, 'Fraction of responses whose JSON body is cut in half')
            [CompletionResult]::new('--slow-body-ms', '--slow-body-ms', [CompletionResultType]::ParameterName, 'Trickle every body in 10 pieces with this many milliseconds before each')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'HubSpot: the scopes the token was granted (comma-separated); a request needing another is answered 403 MISSING_SCOPES, e.g. --scopes crm.objects.deals.read (no owners)')
            [CompletionResult]::new('--search-rate-limit', '--search-rate-limit', [CompletionResultType]::ParameterName, 'HubSpot: the search endpoint''s own limit N/WINDOW besides --rate-limit (HubSpot: 5/1s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;sandbox;reset' {
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Only this vendor''s built-in sandbox (default: all three)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local, stateful emulator of a vendor''s deal API, with optional faults')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Put the built-in sandbox profiles back to their demo data')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;sandbox;help;serve' {
            break
        }
        'crm;sandbox;help;reset' {
            break
        }
        'crm;sandbox;help;help' {
            break
        }
        'crm;auth' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check a token with the vendor and store it in the OS keyring for a profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each profile''s account, where its token comes from, and what is wrong')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the stored token of a profile (the profile stays)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;auth;login' {
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Which CRM (needed for a new profile)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API server, e.g. your Pipedrive company domain or HubSpot''s EU data centre')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read the token from stdin instead of prompting')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Store the token without checking it with the vendor')
            [CompletionResult]::new('--insecure-storage', '--insecure-storage', [CompletionResultType]::ParameterName, 'Without a keyring, keep the token in a plaintext file (mode 0600) in the config directory')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;auth;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not ask the vendors whose tokens they are')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;auth;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check a token with the vendor and store it in the OS keyring for a profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each profile''s account, where its token comes from, and what is wrong')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the stored token of a profile (the profile stays)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;auth;help;login' {
            break
        }
        'crm;auth;help;status' {
            break
        }
        'crm;auth;help;logout' {
            break
        }
        'crm;auth;help;help' {
            break
        }
        'crm;profiles' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles, the built-in sandbox ones included')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile; then store its token with `crm auth login --profile NAME`')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and its stored token')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;profiles;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;profiles;add' {
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Which CRM')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API server, e.g. your Pipedrive company domain or HubSpot''s EU data centre')
            [CompletionResult]::new('--rate-limit-tier', '--rate-limit-tier', [CompletionResultType]::ParameterName, 'Your plan''s API rate-limit tier, which sizes crm''s limiter until the vendor''s headers tell the real limit. HubSpot: free, starter, professional, enterprise, api-limit-increase. Pipedrive: lite, growth, premium, ultimate (or essential, advanced, professional, power, enterprise). Zendesk Sell has one limit for every plan')
            [CompletionResult]::new('--default-pipeline', '--default-pipeline', [CompletionResultType]::ParameterName, 'Pipeline (name or id) for commands that take --pipeline, when it is not given')
            [CompletionResult]::new('--default-output', '--default-output', [CompletionResultType]::ParameterName, 'Output format for this profile when -o is not given')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make it the default profile')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;profiles;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;profiles;use' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields (comma-separated; `custom.NAME` for one custom field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;profiles;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles, the built-in sandbox ones included')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile; then store its token with `crm auth login --profile NAME`')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and its stored token')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;profiles;help;list' {
            break
        }
        'crm;profiles;help;add' {
            break
        }
        'crm;profiles;help;remove' {
            break
        }
        'crm;profiles;help;use' {
            break
        }
        'crm;profiles;help;help' {
            break
        }
        'crm;api' {
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'HTTP method [default: GET, or POST when a body is given]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'HTTP method [default: GET, or POST when a body is given]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A string field (`key=value`): a body field, or a query parameter for GET and DELETE')
            [CompletionResult]::new('--raw-field', '--raw-field', [CompletionResultType]::ParameterName, 'A string field (`key=value`): a body field, or a query parameter for GET and DELETE')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'A typed field: numbers, true, false and null as JSON; `@FILE` the file''s text (JSON when it parses)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A typed field: numbers, true, false and null as JSON; `@FILE` the file''s text (JSON when it parses)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The request body, a JSON file (`-` for stdin)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'An extra request header (`Name: value`)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra request header (`Name: value`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (see `crm profiles list`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON crm prints with a jq expression (strings print raw); implies -o json')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the status line and the answer''s headers before its body')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the status line and the answer''s headers before its body')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Do not print the answer''s body')
            [CompletionResult]::new('--paginate', '--paginate', [CompletionResultType]::ParameterName, 'Follow the vendor''s paging to the last page, printing each page''s items as NDJSON')
            [CompletionResult]::new('--pages', '--pages', [CompletionResultType]::ParameterName, 'With --paginate: print each page whole, one JSON line a page, instead of its items')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Include the vendor''s untouched payload under `raw`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the HTTP requests instead of sending them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace HTTP requests and responses on stderr (tokens redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and results; no notices')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for deletes from scripts)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Reload cached pipelines, stages, owners and fields')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'crm;help' {
            [CompletionResult]::new('deals', 'deals', [CompletionResultType]::ParameterValue, 'List, read, create, change and delete deals')
            [CompletionResult]::new('pipelines', 'pipelines', [CompletionResultType]::ParameterValue, 'Pipelines of deals')
            [CompletionResult]::new('stages', 'stages', [CompletionResultType]::ParameterValue, 'Stages of the deal pipelines')
            [CompletionResult]::new('vendors', 'vendors', [CompletionResultType]::ParameterValue, 'What each vendor supports')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'A local emulator of the vendors'' APIs, for trying crm and scripts without an account')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in (store a token in the OS keyring), see which account is in use, log out')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'The CRM accounts crm knows: list, add, remove, choose the default')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Any endpoint of the account''s API, with crm''s auth, rate limits and retries')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'crm;help;deals' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List deals, filtered and sorted')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one deal, with its contacts and company')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a deal from flags, or deals from common-model JSON')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a deal''s fields; only what you pass is sent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete deals (asks first on a terminal; --yes for scripts)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge OTHER into KEEP; OTHER disappears')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Add a follower to a deal')
            [CompletionResult]::new('unfollow', 'unfollow', [CompletionResultType]::ParameterValue, 'Remove a follower from a deal')
            [CompletionResult]::new('followers', 'followers', [CompletionResultType]::ParameterValue, 'List a deal''s followers')
            [CompletionResult]::new('associate', 'associate', [CompletionResultType]::ParameterValue, 'Link a deal to a contact or a company')
            [CompletionResult]::new('dissociate', 'dissociate', [CompletionResultType]::ParameterValue, 'Unlink a deal from a contact or a company')
            [CompletionResult]::new('upsert', 'upsert', [CompletionResultType]::ParameterValue, 'Update the deal matching a field, or create it when none matches')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every matching deal, streamed (NDJSON unless -o says otherwise)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many deals from NDJSON, CSV or JSON, every record accounted for')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'List the deal fields: the common ones, and this account''s custom fields with type and options')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Count and total deals by stage, pipeline, owner, status, currency or close month')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Open and won deals per day, week, month or quarter of their close (or created, won) date')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show each change of a deal''s fields: when, which, the old and new value, and who')
            break
        }
        'crm;help;deals;list' {
            break
        }
        'crm;help;deals;get' {
            break
        }
        'crm;help;deals;create' {
            break
        }
        'crm;help;deals;update' {
            break
        }
        'crm;help;deals;delete' {
            break
        }
        'crm;help;deals;merge' {
            break
        }
        'crm;help;deals;follow' {
            break
        }
        'crm;help;deals;unfollow' {
            break
        }
        'crm;help;deals;followers' {
            break
        }
        'crm;help;deals;associate' {
            break
        }
        'crm;help;deals;dissociate' {
            break
        }
        'crm;help;deals;upsert' {
            break
        }
        'crm;help;deals;export' {
            break
        }
        'crm;help;deals;import' {
            break
        }
        'crm;help;deals;fields' {
            break
        }
        'crm;help;deals;summary' {
            break
        }
        'crm;help;deals;timeline' {
            break
        }
        'crm;help;deals;history' {
            break
        }
        'crm;help;pipelines' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deal pipelines')
            break
        }
        'crm;help;pipelines;list' {
            break
        }
        'crm;help;stages' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the stages of every pipeline, or of one')
            break
        }
        'crm;help;stages;list' {
            break
        }
        'crm;help;vendors' {
            break
        }
        'crm;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local, stateful emulator of a vendor''s deal API, with optional faults')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Put the built-in sandbox profiles back to their demo data')
            break
        }
        'crm;help;sandbox;serve' {
            break
        }
        'crm;help;sandbox;reset' {
            break
        }
        'crm;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check a token with the vendor and store it in the OS keyring for a profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each profile''s account, where its token comes from, and what is wrong')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the stored token of a profile (the profile stays)')
            break
        }
        'crm;help;auth;login' {
            break
        }
        'crm;help;auth;status' {
            break
        }
        'crm;help;auth;logout' {
            break
        }
        'crm;help;profiles' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles, the built-in sandbox ones included')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile; then store its token with `crm auth login --profile NAME`')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and its stored token')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default (used when neither --profile nor CRM_PROFILE names one)')
            break
        }
        'crm;help;profiles;list' {
            break
        }
        'crm;help;profiles;add' {
            break
        }
        'crm;help;profiles;remove' {
            break
        }
        'crm;help;profiles;use' {
            break
        }
        'crm;help;api' {
            break
        }
        'crm;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
