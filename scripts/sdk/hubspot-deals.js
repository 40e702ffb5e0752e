// The loop a HubSpot user writes with HubSpot's own Node SDK (@hubspot/api-client): every deal,
// page by page (100 a page, the most GET /crm/v3/objects/deals gives), one JSON line each.
// scripts/bench installs the SDK from npm and times this beside `crm api --paginate`.
//
//   node hubspot-deals.js BASE_URL TOKEN [default|unlimited]
//
// `default` keeps the SDK's own limiter (at most 9 requests a second); `unlimited` lifts it,
// to show what the SDK's HTTP path alone costs.
const hubspot = require('@hubspot/api-client');

async function main() {
  const [basePath, accessToken, mode = 'default'] = process.argv.slice(2);
  const config = { basePath, accessToken };
  if (mode === 'unlimited') config.limiterOptions = { minTime: 0, maxConcurrent: 1 };
  const client = new hubspot.Client(config);
  let after;
  const out = [];
  do {
    const page = await client.crm.deals.basicApi.getPage(100, after);
    for (const deal of page.results) out.push(JSON.stringify(deal));
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
    after = page.paging && page.paging.next ? page.paging.next.after : undefined;
  } while (after);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
