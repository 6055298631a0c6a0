#!/usr/bin/env python3
"""Counts the SQL statements each of the stack's databases ran per request (standard library only).

  statements.py LOG OFFSET REQUESTS

LOG is PostgreSQL's log while `log_min_duration_statement = 0` was on, OFFSET the byte where the
measured window starts, REQUESTS the responses wrk counted in it. A statement of the extended
protocol logs its parse, bind and execute steps; only the execute counts, and a simple-protocol
statement (BEGIN, COMMIT) counts once.
"""
import collections
import re
import sys

LINE = re.compile(r"\S+@(coachwork_\w+) LOG:  duration: [\d.]+ ms  (execute [^:]*|statement): (.*)")


def main(log, offset, requests):
    per_database = collections.Counter()
    per_statement = collections.Counter()
    with open(log, "rb") as f:
        f.seek(offset)
        for raw in f:
            m = LINE.search(raw.decode("utf-8", "replace"))
            if not m:
                continue
            database, _, sql = m.groups()
            per_database[database] += 1
            per_statement[(database, re.sub(r"\s+", " ", sql)[:110])] += 1
    print(f"{requests} requests\n")
    print("| database | statements per request |\n|---|---|")
    for database, n in sorted(per_database.items()):
        print(f"| {database} | {n / requests:.2f} |")
    print(f"| all | {sum(per_database.values()) / requests:.2f} |\n")
    print("| database | per request | statement |\n|---|---|---|")
    for (database, sql), n in sorted(per_statement.items(), key=lambda item: (item[0][0], -item[1])):
        if n / requests >= 0.05:
            print(f"| {database} | {n / requests:.2f} | `{sql}` |")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
