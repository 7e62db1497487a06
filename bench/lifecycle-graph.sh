#!/usr/bin/env bash
# Runs the composite lifecycle graph benchmark (outside the test run): 1,000 environments in 20 spaces laid out
# with ELK and drawn as SVG and PNG; beside Graphviz `dot -Tsvg` of the same graph (run in turn, prints ours, dot and
# ours/dot): layout + SVG in memory, `lifecycle render` on a real store in-process and as a whole `./odcm` process;
# and the console's frame time while panning.
# Usage: bench/lifecycle-graph.sh [RUNS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peer.sh
if ! command -v dot >/dev/null 2>&1; then
  install_for_bench "Graphviz 'dot' is missing" graphviz
fi
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
./odcm --help >/dev/null   # builds the console if a source changed, outside the timings
# Headless JavaFX (Monocle, software rendering), as in the UI tests.
java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dprism.text=t2k -Djava.awt.headless=true \
  -cp "app/target/test-classes:app/target/classes:$(cat app/target/bench.cp)" odcm.app.bench.LifecycleGraphBench "${1:-10}" app/target/bench ./odcm
