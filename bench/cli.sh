#!/usr/bin/env bash
# Read commands as whole processes, as a user feels them, beside the peer `keytool -list` of a small PKCS12 keystore.
# Ours and the peer run alternately (ours, peer, ours, peer, ...) on a throw-away store filled by `odcm demo`; each case
# prints ours and the peer as median wall-clock ms and ours/peer, then the same for CPU time (user + system), which a
# loaded machine disturbs less. Goal of issue 12: read commands <= 1.5x keytool.
# Usage: bench/cli.sh [RUNS]     (default 11)
#   ODCM=/other/checkout/odcm bench/cli.sh   measures another build (e.g. the code before a change) the same way;
#   ODCM_JAVA_OPTS is passed on as usual (e.g. ODCM_JAVA_OPTS=-Xshare:off to see what the archives are worth).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-11}"
odcm="${ODCM:-./odcm}"
command -v keytool >/dev/null || { echo "keytool (from the JDK) is needed for the peer." >&2; exit 3; }

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
export ODCM_STORE="$tmp/store" ODCM_KEY_DIR="$tmp/keys" ODCM_LOG_DIR="$tmp/log"
"$odcm" --version >/dev/null                       # builds (and makes its archives) first when needed, outside the figures
"$odcm" demo >/dev/null
keytool -genkeypair -keystore "$tmp/small.p12" -storetype PKCS12 -storepass changeit -alias one -keyalg EC \
  -groupname secp256r1 -dname CN=bench -validity 30 2>/dev/null

# One whole process, its output dropped; sets w and c to its wall-clock and CPU ms. A failure stops the bench.
TIMEFORMAT='%R %U %S'
ms() {
  { time "$@" >/dev/null 2>"$tmp/err"; } 2>"$tmp/time" || { echo "failed: $* ($(head -c 300 "$tmp/err"))" >&2; exit 3; }
  read -r w c < <(awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$tmp/time")
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v o="$1" -v p="$2" 'BEGIN {printf "%.2f", o / p}'; }

peer=(keytool -list -keystore "$tmp/small.p12" -storetype PKCS12 -storepass changeit)
echo "$odcm, $runs runs each, medians in ms          wall:  ours  keytool  ratio     cpu:  ours  keytool  ratio"
bench() {
  local name="$1"; shift
  local ow="" oc="" pw="" pc="" w c
  for _ in $(seq "$runs"); do
    ms "$odcm" "$@"; ow+=" $w"; oc+=" $c"
    ms "${peer[@]}"; pw+=" $w"; pc+=" $c"
  done
  local a b x y
  a=$(echo "$ow" | median); b=$(echo "$pw" | median); x=$(echo "$oc" | median); y=$(echo "$pc" | median)
  printf '%-44s %6d %8d %6s %10d %8d %6s\n' "$name" "$a" "$b" "$(ratio "$a" "$b")" "$x" "$y" "$(ratio "$x" "$y")"
}
bench "space list" space list
bench "release list (Web Shop)" release list --space "DevTest Space" --project "Web Shop"
bench "dashboard (DevTest Space)" dashboard --space "DevTest Space"
bench "--version" --version
bench "--help" --help
