#!/usr/bin/env bash
# Release bundles beside openssl (outside the test run): a release of 10,000 variables (1,000 sensitive), 1,000 steps
# and 500 packages on two throw-away stores. Alternately: ours in-process (warm, after 3 warm-up rounds) —
# `bundle create`, `bundle verify`, `bundle import` through the services the commands call — and `openssl cms` as whole
# processes on the same payload bytes (sign + encrypt; verify + decrypt). Prints median ours, median openssl, ratio.
# Usage: bench/bundle.sh [RUNS] [ec|rsa]     (defaults: 10 ec)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peer.sh
if ! command -v openssl >/dev/null 2>&1; then
  install_for_bench "openssl is missing" openssl
fi
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
java -cp "app/target/test-classes:app/target/classes:packaging/target/classes:persistence/target/classes:model/target/classes:$(cat app/target/bench.cp)" \
  odcm.app.bench.BundleBench "${1:-10}" app/target/bench "${2:-ec}"
