#!/usr/bin/env bash
# Runs the release comparison benchmark (outside the test run): two releases of 10,000 variables, 1,000 steps and
# 500 packages compared and rendered as text, JSON, HTML and Markdown in memory, read from a real H2 store and
# compared, through the command line in-process and as a whole `./odcm release diff` process; each case beside GNU
# `diff -u` (a whole process) on the same content as text, run in turn. Prints ours, diff -u and ours/diff -u.
# In memory, the diff alone and the diff with each format are treated alike: 3 x RUNS warm-up rounds, then
# 3 x RUNS timed rounds, each round running every case once with diff -u after each (medians); the first call in a
# fresh JVM is printed on its own line.
# Usage: bench/release-compare.sh [RUNS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
./odcm --help >/dev/null   # builds the console if a source changed, outside the timings
java -cp "app/target/test-classes:app/target/classes:model/target/classes:$(cat app/target/bench.cp)" odcm.app.bench.ReleaseCompareBench "${1:-10}" app/target/bench ./odcm
