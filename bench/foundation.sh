#!/usr/bin/env bash
# Runs the foundation benchmark (outside the test run): store actions on a real H2 file, and CLI latency.
# Usage: bench/foundation.sh [SPACES]     (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
java -cp "app/target/test-classes:app/target/classes:$(cat app/target/bench.cp)" odcm.app.bench.FoundationBench "${1:-200}"

# One command line end to end (JVM start, store open, query), as a user feels it.
tmp="$(mktemp -d)"; export ODCM_STORE="$tmp/store" ODCM_KEY_DIR="$tmp/keys"
./odcm space create "Bench Space" >/dev/null
runs=10; start=$(date +%s%N)
for _ in $(seq $runs); do ./odcm space list >/dev/null; done
echo "odcm space list, whole process: $(( ($(date +%s%N) - start) / runs / 1000000 )) ms mean of $runs"
rm -rf "$tmp"
