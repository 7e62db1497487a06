#!/usr/bin/env bash
# What verifying the audit log costs a bundle check (decision 0044, "Verified prefix"): a store grown to ENTRIES audit
# entries, then open + first `bundle verify` and a second `bundle verify` in the same open store, in-process after 3
# warm-up rounds, this build and the base commit (all modules) in turn, in separate JVMs.
# Usage: bench/audit-verify.sh [ENTRIES] [RUNS] [ROUNDS] [BASE COMMIT]     (defaults: 20000 7 3 7f548a7)
set -euo pipefail
cd "$(dirname "$0")/.."
entries="${1:-20000}"; runs="${2:-7}"; rounds="${3:-3}"; base="${4:-7f548a7}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mvn -B -q -o -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
git archive "$base" | tar -x -C "$work"
(cd "$work" && mvn -B -q -o -DskipTests -pl app -am compile)
deps="app/target/test-classes:$(cat app/target/bench.cp)"
ours="app/target/classes:persistence/target/classes:packaging/target/classes:model/target/classes:$deps"
theirs="$work/app/target/classes:$work/persistence/target/classes:$work/packaging/target/classes:$work/model/target/classes:$deps"
java -cp "$ours" odcm.app.bench.AuditVerifyBench make "$work/store" "$entries"
for i in $(seq "$rounds"); do
  java -cp "$ours" odcm.app.bench.AuditVerifyBench run "$work/store" "$runs" ours
  java -cp "$theirs" odcm.app.bench.AuditVerifyBench run "$work/store" "$runs" base
done
