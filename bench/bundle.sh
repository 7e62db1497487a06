#!/usr/bin/env bash
# Release bundles beside openssl (outside the test run): a release of 10,000 variables (1,000 sensitive), 1,000 steps
# and 500 packages on two throw-away stores. Alternately: ours in-process (warm, after 3 warm-up rounds) —
# `bundle create`, `bundle verify`, `bundle import` through the services the commands call — and `openssl cms` as whole
# processes on the same payload bytes (sign + encrypt; verify + decrypt). Prints median ours, median openssl, ratio, and
# the first round on its own (a fresh JVM's first bundle).
# Ours runs in the JVM configuration of the console, the one process that runs these in-process: the JVM flags of the
# java command line ./odcm starts the console with (bench/peer.sh records it; ODCM_JAVA_OPTS included), but its class
# path and class-data archive (decision 0062). With "default" as third word, in a JVM of default flags instead (both
# compilers): the figures of docs/benchmarks.md before 2026-12-05 23:00 were taken so.
# Usage: bench/bundle.sh [RUNS] [ec|rsa] [console|default]     (defaults: 10 ec console)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peer.sh
if ! command -v openssl >/dev/null 2>&1; then
  install_for_bench "openssl is missing" openssl
fi
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
bench_jvm_flags "${3:-console}"
java ${odcm_flags[@]+"${odcm_flags[@]}"} "-Dbench.jvm=$bench_jvm" \
  -cp "app/target/test-classes:app/target/classes:packaging/target/classes:persistence/target/classes:model/target/classes:$(cat app/target/bench.cp)" \
  odcm.app.bench.BundleBench "${1:-10}" app/target/bench "${2:-ec}"
