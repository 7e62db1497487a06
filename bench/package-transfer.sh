#!/usr/bin/env bash
# Packages moved to a space that has the release before (issue 19, docs/decisions/0061): COUNT packages of MIB MiB of
# random bytes in a temporary folder under WORKDIR, a next release that changes 5 % of each (four regions replaced, one
# inserted) and one where a single package is entirely new; per package in turn: ours (PackageDelta encode + apply),
# `zstd --patch-from --long=31 -T1` (compress + decompress) and `cp`; then our streaming SHA-256 beside `sha256sum`; then
# one sparse package over 2 GiB through ours. Runs ours in a JVM of a 64 MiB heap (the codec's memory does not grow with
# the packages). Deletes everything it made. Usage: bench/package-transfer.sh [COUNT] [MIB] [WORKDIR]  (defaults: 20 100 /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peer.sh
if ! command -v zstd >/dev/null 2>&1; then
  install_for_bench "zstd is missing" zstd
fi
if [ ! -x /usr/bin/time ]; then
  install_for_bench "/usr/bin/time is missing" time
fi
mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
java -Xmx64m -cp "app/target/test-classes:app/target/classes:packaging/target/classes:persistence/target/classes:model/target/classes:$(cat app/target/bench.cp)" \
  odcm.app.bench.PackageBench "${1:-20}" "${2:-100}" "${3:-/tmp}"
