#!/usr/bin/env bash
# Runs the release comparison benchmark (outside the test run): two releases of 10,000 variables and 1,000 steps
# compared by the model and rendered as text, JSON, HTML and Markdown, beside GNU diff on the same content as text.
# Usage: bench/release-compare.sh [RUNS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
java -cp "app/target/test-classes:app/target/classes:model/target/classes:$(cat app/target/bench.cp)" odcm.app.bench.ReleaseCompareBench "${1:-10}" app/target/bench
