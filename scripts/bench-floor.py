#!/usr/bin/env python3
"""The sandbox's own floor for a paged read: the fastest loop a client can be.

    scripts/bench-floor.py BASE_URL hubspot|pipedrive [TOKEN]

One keep-alive connection, each page requested as soon as the last one's cursor is read off
the end of its bytes (nothing is parsed or written). Prints the pages and seconds. scripts/bench
puts crm's figures beside it: what the sandbox itself costs beyond its latency (transfer, its
own scheduling) is in this floor too, and is not crm's.
"""
import http.client
import re
import sys
import time
import urllib.parse

PAGES = {
    # Pipedrive v2 `GET /api/v2/deals` (cursor in additional_data.next_cursor)
    "pipedrive": ("/api/v2/deals?limit=500", "cursor", rb'"next_cursor":"([^"]+)"'),
    # HubSpot `GET /crm/v3/objects/deals` (cursor in paging.next.after)
    "hubspot": ("/crm/v3/objects/deals?limit=100", "after", rb'"after":"([^"]+)"'),
}


def main():
    base, vendor = sys.argv[1], sys.argv[2]
    token = sys.argv[3] if len(sys.argv) > 3 else "bench-token"
    path, key, pattern = PAGES[vendor]
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)
    auth = {"x-api-token": token} if vendor == "pipedrive" else {"authorization": f"Bearer {token}"}
    cursor, pages = None, 0
    start = time.perf_counter()
    while True:
        query = f"&{key}={urllib.parse.quote(cursor)}" if cursor else ""
        conn.request("GET", path + query, headers=auth)
        body = conn.getresponse().read()
        pages += 1
        found = re.search(pattern, body[-400:])
        if not found:
            break
        cursor = found.group(1).decode()
    print(f"{pages} {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
