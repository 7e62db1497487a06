#!/usr/bin/env bash
# Read commands as whole processes, as a user feels them, beside the peer `keytool -list` of a small PKCS12 keystore.
# Ours and the peer run alternately (ours, peer, ours, peer, ...) on a throw-away store filled by `./odcm demo`;
# each case prints ours (median ms), the peer (median ms) and ours/peer. Goal of issue 12: read commands <= 1.5x.
# Usage: bench/cli.sh [RUNS]     (default 11)
# ODCM_JAVA_OPTS is passed on to ./odcm as usual (e.g. ODCM_JAVA_OPTS=-Xshare:off to see what the archive is worth).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-11}"
command -v keytool >/dev/null || { echo "keytool (from the JDK) is needed for the peer." >&2; exit 3; }

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
export ODCM_STORE="$tmp/store" ODCM_KEY_DIR="$tmp/keys"
./odcm --version >/dev/null                       # builds first when sources changed, outside the figures
./odcm demo >/dev/null
keytool -genkeypair -keystore "$tmp/small.p12" -storetype PKCS12 -storepass changeit -alias one -keyalg EC \
  -groupname secp256r1 -dname CN=bench -validity 30 2>/dev/null

# Milliseconds of one whole process; its output is dropped, a failure stops the bench.
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$tmp/err" || { echo "failed: $* ($(head -c 300 "$tmp/err"))" >&2; exit 3; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

peer=(keytool -list -keystore "$tmp/small.p12" -storetype PKCS12 -storepass changeit)
printf '%-34s %10s %10s %7s\n' "case ($runs runs each)" "ours ms" "keytool ms" "ratio"
bench() {
  local name="$1"; shift
  local ours="" theirs=""
  for _ in $(seq "$runs"); do
    ours+=" $(ms ./odcm "$@")"
    theirs+=" $(ms "${peer[@]}")"
  done
  local o p
  o=$(echo "$ours" | median); p=$(echo "$theirs" | median)
  printf '%-34s %10d %10d %7s\n' "$name" "$o" "$p" "$(awk -v o="$o" -v p="$p" 'BEGIN {printf "%.2f", o / p}')"
}
bench "space list" space list
bench "release list (Web Shop)" release list --space "DevTest Space" --project "Web Shop"
bench "dashboard (DevTest Space)" dashboard --space "DevTest Space"
bench "--version" --version
bench "--help" --help
