#!/usr/bin/env bash
# Runs the release comparison benchmark (outside the test run): two releases of 10,000 variables, 1,000 steps and
# 500 packages compared and rendered as text, JSON, HTML and Markdown in memory, read from a real H2 store and
# compared, through the command line in-process and as a whole `./odcm release diff` process; each case beside GNU
# `diff -u` (a whole process) on the same content as text, run in turn. Prints ours, diff -u and ours/diff -u.
# In memory, the diff alone and the diff with each format are treated alike: 3 x RUNS warm-up rounds, then
# 3 x RUNS timed rounds, each round running every case once with diff -u after each (medians); the first call in a
# fresh JVM is printed on its own line.
# The in-process cases run in the console's JVM configuration (the console compares releases in-process): the JVM flags
# of ./odcm's java command line for the console, recorded by bench/peer.sh (decision 0062); with "default" as second
# word, in a JVM of default flags (both compilers), as every figure before 2026-12-05 23:00 was taken.
# Usage: bench/release-compare.sh [RUNS] [console|default]     (defaults: 10 console)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peer.sh
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
./odcm --help >/dev/null   # builds the console if a source changed, outside the timings
bench_jvm_flags "${2:-console}"
echo "JVM flags of the in-process cases ($bench_jvm): ${odcm_flags[*]:-none}"
java ${odcm_flags[@]+"${odcm_flags[@]}"} -cp "app/target/test-classes:app/target/classes:model/target/classes:$(cat app/target/bench.cp)" odcm.app.bench.ReleaseCompareBench "${1:-10}" app/target/bench ./odcm
