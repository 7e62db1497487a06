#!/usr/bin/env bash
# What the freshness of trusts and certificates costs (decision 0038, "Freshness"): a store whose trust came first and
# ENTRIES audited changes followed, then whole `bundle verify` and `trust list --all` (open for reading, act, close),
# in-process after 3 warm-up rounds, this build and the base commit's persistence in turn, in separate JVMs.
# Usage: bench/freshness.sh [ENTRIES] [RUNS] [ROUNDS] [BASE COMMIT]     (defaults: 300 20 3 5fa950d)
set -euo pipefail
cd "$(dirname "$0")/.."
entries="${1:-300}"; runs="${2:-20}"; rounds="${3:-3}"; base="${4:-5fa950d}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mvn -B -q -o -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
git archive "$base" | tar -x -C "$work"
(cd "$work" && mvn -B -q -o -DskipTests -pl persistence -am compile)
cp="app/target/test-classes:app/target/classes:packaging/target/classes:model/target/classes:$(cat app/target/bench.cp)"
java -cp "persistence/target/classes:$cp" odcm.app.bench.FreshnessBench make "$work/store" "$entries"
for i in $(seq "$rounds"); do
  java -cp "persistence/target/classes:$cp" odcm.app.bench.FreshnessBench run "$work/store" "$runs" ours
  java -cp "$work/persistence/target/classes:$cp" odcm.app.bench.FreshnessBench run "$work/store" "$runs" base
done
