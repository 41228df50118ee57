#!/bin/bash
# One-shot loader for the SQL Server demo city (docker/compose.yaml service mssql-seed).
# Waits for the server, then runs /seed/mssql.sql with sqlcmd unless minim_demo is already complete.
set -euo pipefail

SQLCMD=""
for candidate in "$(command -v sqlcmd || true)" /opt/mssql-tools18/bin/sqlcmd /opt/mssql-tools/bin/sqlcmd; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then SQLCMD="$candidate"; break; fi
done
if [ -z "$SQLCMD" ]; then echo "mssql-seed: no sqlcmd in this image" >&2; exit 2; fi

# -C trusts the server's self-signed certificate; -b exits non-zero on the first error.
run() { "$SQLCMD" -S "${MSSQL_HOST:-mssql},1433" -U sa -P "$MSSQL_SA_PASSWORD" -C -b "$@"; }
query() { run -h -1 -W -Q "SET NOCOUNT ON; $1" | tr -d '[:space:]'; }

for attempt in $(seq 1 90); do
  if run -Q "SELECT 1" >/dev/null 2>&1; then break; fi
  if [ "$attempt" = 90 ]; then echo "mssql-seed: SQL Server did not accept logins within 3 minutes" >&2; exit 1; fi
  echo "mssql-seed: waiting for SQL Server ($attempt/90)"
  sleep 2
done

if [ "$(query "SELECT CASE WHEN DB_ID('minim_demo') IS NULL THEN 0 ELSE 1 END")" = 1 ]; then
  # The last table the seed fills: rows there mean the whole script ran.
  done_rows=$(query "SELECT COUNT(*) FROM minim_demo.sys.partitions WHERE object_id = OBJECT_ID('minim_demo.legacy_exports.export_files') AND index_id IN (0, 1) AND rows > 0")
  if [ "$done_rows" = 1 ]; then echo "mssql-seed: minim_demo already loaded"; exit 0; fi
  echo "mssql-seed: minim_demo is incomplete; dropping it and loading again"
  run -Q "ALTER DATABASE minim_demo SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE minim_demo"
fi

echo "mssql-seed: loading the demo city into minim_demo"
# -f 65001: the seed file is UTF-8 (names with accents use N'' literals).
run -f 65001 -i /seed/mssql.sql >/dev/null
echo "mssql-seed: done"
