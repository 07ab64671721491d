#!/bin/sh
# Registers NGK's namespace (with its retention) and its search attributes on a Temporal server. One file
# for both deployments: the native mode runs it after starting the server, and the compose
# `temporal-namespace` job runs it in temporalio/admin-tools. A second run changes nothing and exits 0.
set -eu

: "${TEMPORAL_ADDRESS:=127.0.0.1:7233}"
: "${TEMPORAL_NAMESPACE:=default}"
: "${TEMPORAL_NAMESPACE_RETENTION:=720h}"
: "${TEMPORAL_CLI:=temporal}"
# TLS, mTLS and API keys reach the CLI through its own variables (TEMPORAL_TLS_CLIENT_CERT_PATH, …).

# Kept equal to libs/definitions/src/search-attributes.ts by scripts/lib/deploy-scripts.spec.ts.
SEARCH_ATTRIBUTES="NgkStatus=Keyword NgkLeadUnit=Keyword NgkCategory=Keyword NgkEscalationLevel=Int NgkDueAt=Datetime"

# Runs a CLI command; "already exists" counts as done, any other failure stops the job with its message.
idempotent() {
  what=$1
  shift
  if out=$("$TEMPORAL_CLI" "$@" --address "$TEMPORAL_ADDRESS" 2>&1); then
    echo "temporal-namespace: $what registered"
  else
    case "$out" in
      *"already exists"* | *"already registered"*) echo "temporal-namespace: $what already exists" ;;
      *) echo "$out" >&2; exit 1 ;;
    esac
  fi
}

# The frontend accepts connections before it serves; wait for SERVING, at most two minutes.
tries=0
until "$TEMPORAL_CLI" operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null | grep -q SERVING; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || { echo "temporal-namespace: $TEMPORAL_ADDRESS is not serving after 120 s" >&2; exit 1; }
  sleep 1
done

idempotent "namespace $TEMPORAL_NAMESPACE" operator namespace create \
  --namespace "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_NAMESPACE_RETENTION"
for attribute in $SEARCH_ATTRIBUTES; do
  idempotent "search attribute $attribute" operator search-attribute create \
    --namespace "$TEMPORAL_NAMESPACE" --name "${attribute%%=*}" --type "${attribute##*=}"
done
