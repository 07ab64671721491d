#!/bin/sh
# Creates Temporal's two PostgreSQL databases when missing and migrates their schemas to the version the
# server needs. One file for both deployments: the native mode (scripts/lib/temporal-native.ts) and the
# compose `temporal-schema` job (temporalio/admin-tools) run it as it is. A second run changes nothing.
set -eu

: "${POSTGRES_HOST:=127.0.0.1}"
: "${POSTGRES_PORT:=5432}"
: "${POSTGRES_USER:=postgres}"
: "${TEMPORAL_DB:=temporal}"
: "${TEMPORAL_VISIBILITY_DB:=temporal_visibility}"
# The tool and the schema files as temporalio/admin-tools ships them; the native mode points at its cache.
: "${TEMPORAL_SQL_TOOL:=temporal-sql-tool}"
: "${TEMPORAL_SCHEMA_DIR:=/etc/temporal/schema}"
# temporal-sql-tool reads the password from SQL_PASSWORD, so it never shows in a process list.
export SQL_PASSWORD="${POSTGRES_PASSWORD:-}"

sql() {
  "$TEMPORAL_SQL_TOOL" --plugin postgres12 --ep "$POSTGRES_HOST" -p "$POSTGRES_PORT" -u "$POSTGRES_USER" "$@"
}

for pair in "$TEMPORAL_DB:temporal" "$TEMPORAL_VISIBILITY_DB:visibility"; do
  db=${pair%%:*}
  versioned="$TEMPORAL_SCHEMA_DIR/postgresql/v12/${pair##*:}/versioned"
  [ -d "$versioned" ] || { echo "temporal-schema: no schema files at $versioned" >&2; exit 1; }
  # The tool leaves an existing database alone. Should it report one as a failure, only "already exists"
  # is tolerated; any other failure stops the job with the tool's own message.
  if out=$(sql --db "$db" create-database 2>&1); then
    echo "temporal-schema: database $db present"
  else
    case "$out" in
      *"already exists"*) echo "temporal-schema: database $db already exists" ;;
      *) echo "$out" >&2; exit 1 ;;
    esac
  fi
  # The tool logs every statement; its lines are shown only when a step fails.
  out=$(sql --db "$db" setup-schema -v 0.0 2>&1) || { echo "$out" >&2; exit 1; }
  out=$(sql --db "$db" update-schema -d "$versioned" 2>&1) || { echo "$out" >&2; exit 1; }
  echo "temporal-schema: $db is at the newest schema in $versioned"
done
