#!/usr/bin/env bash
# Many processes on one team store at once (issue 13, decision 0035): worker JVMs, each with its own state and key
# folders as on different machines, make environments, write bundles for a remote space and deliver releases to a local
# one, on a new database of the PostgreSQL server named by ODCM_TEST_POSTGRES (dropped at the end); then the store is
# checked (audit chain intact, every row with exactly its audit entry, no sequence twice). Cases: one worker on an
# embedded H2 store, one on PostgreSQL, WORKERS at once, WORKERS with one killed (kill -9) mid-run, and — with
# --restart-server, as root on a machine with Debian's PostgreSQL cluster — the server restarted mid-run.
# Prints actions per second, per-action median and p90, refusals, and the check. Exit 1 if a check fails.
# Usage: ODCM_TEST_POSTGRES=postgresql://odcm@localhost:5432/postgres bench/team-store.sh [WORKERS] [ACTIONS] [--restart-server]
#        (defaults: 4 workers, 500 actions each)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ODCM_TEST_POSTGRES:?names the PostgreSQL server and a user who may create databases (see README, A team store)}"
restart=""
if [ "${3:-}" = "--restart-server" ]; then
  read -r version cluster _ < <(pg_lsclusters --no-header | awk '$3 == 5432 {print $1, $2}')
  restart="pg_ctlcluster $version $cluster restart"
fi
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "app/target/test-classes:app/target/classes:packaging/target/classes:persistence/target/classes:model/target/classes:$(cat app/target/bench.cp)" \
  odcm.app.bench.TeamStoreBench "$ODCM_TEST_POSTGRES" "${1:-4}" "${2:-500}" "$work" "$restart"
