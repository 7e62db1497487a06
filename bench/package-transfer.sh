#!/usr/bin/env bash
# Packages moved to a space that has the release before (issue 19, docs/decisions/0061): COUNT packages of MIB MiB of
# random bytes in a temporary folder under WORKDIR, a next release that changes 5 % of each (four regions replaced, one
# inserted) and one where a single package is entirely new; per package in turn: ours (PackageDelta encode + apply),
# `zstd --patch-from --long=31 -T1` (compress + decompress) and `cp`; then our streaming SHA-256 beside `sha256sum`; then
# one sparse package over 2 GiB through ours. Runs ours in a JVM of a 64 MiB heap (the codec's memory does not grow with
# the packages). Then the archive (docs/decisions/0060), the path a user takes, in a JVM of a 256 MiB heap holding both stores:
# the same releases as 1.0 and 2.0, `package export` of 2.0 for a target holding 1.0 (on the assumption and with its
# inventory), `package import` and `package verify` there, beside the codec, zstd, cp and sha256sum on the same files.
# Deletes everything it made. Usage: bench/package-transfer.sh [COUNT] [MIB] [WORKDIR] [codec|archive|both]
# (defaults: 20 100 /tmp both)
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
cp="app/target/test-classes:app/target/classes:packaging/target/classes:persistence/target/classes:model/target/classes:$(cat app/target/bench.cp)"
mode="${4:-both}"
if [ "$mode" != archive ]; then
  java -Xmx64m -cp "$cp" odcm.app.bench.PackageBench "${1:-20}" "${2:-100}" "${3:-/tmp}"
fi
if [ "$mode" != codec ]; then
  echo
  java -Xmx256m -cp "$cp" odcm.app.bench.PackageBench archive "${1:-20}" "${2:-100}" "${3:-/tmp}"
fi
