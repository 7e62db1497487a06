#!/usr/bin/env bash
# FX thread responsiveness with big releases (goal: no stall over 50 ms). In headless Monocle (the UI tests' flags),
# a heartbeat posts a Runnable to the FX thread every 5 ms while a console: starts; opens every screen; chooses a
# project whose release has 1,000 steps, 10,000 variables and 500 packages (and each tab of its snapshot); compares two
# such releases (loads, F7 x3, everything, only changes); imports a bundle of one through the Inbox and the whole wizard.
# Each run is a fresh JVM on fresh stores. Prints per scenario: the longest FX stall (median of the runs, and the worst),
# its ratio to the 50 ms budget, the FX thread's own CPU time in its longest wait (median; what a stall would be on an
# idle machine: other processes on a loaded one stretch the stall, not this), and the median time until done.
# A console's start is also reported from the moment its first window shows ("once its window shows"): before that no
# window can freeze (the first moments load JavaFX's classes and the theme; bench/console-start.sh times how soon the
# window comes), so that line is the stall a user can feel at start.
# The JVM runs with the JVM flags of the console's java command line from ./odcm (bench/peer.sh records it, decision 0062;
# today the quick compiler alone, -XX:TieredStopAtLevel=1, decision 0028): what a user's console runs with (until
# 2026-12-04 the bench ran both compilers, whose FX-thread CPU was 20-40% higher).
# -Dbench.profile=true (in JAVA_OPTS) also prints where the FX thread was during stalls and inside the worst one.
# -Dbench.startOnly=true (in JAVA_OPTS) stops each run after the console's start (and its hello-world), for goal 4's start row.
# Each run is followed by a JVM of the same flags that shows a JavaFX hello-world's first window (-Dbench.hello=true): its
# longest stall is printed beside the console's start (the toolkit's first window, which both pay), not as a goal.
# Usage: bench/fx-heartbeat.sh [RUNS]     (default 3; a run takes about 30-60 s on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test \
  || mvn -B -q -DskipTests -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
source bench/peer.sh
odcm_console_flags
CP="app/target/test-classes:app/target/classes:model/target/classes:persistence/target/classes:packaging/target/classes:$(cat app/target/bench.cp)"
FLAGS="-Dtestfx.robot=glass -Dtestfx.headless=true -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless -Djava.awt.headless=true -Dprism.text=t2k -Dheadless.geometry=1300x900-32 ${odcm_flags[*]}"
RUNS="${1:-3}"
OUT=$(mktemp)
for i in $(seq 1 "$RUNS"); do
  echo "run $i of $RUNS" >&2
  ODCM_LOG_DIR="$(mktemp -d)" java $FLAGS ${JAVA_OPTS:-} -cp "$CP" odcm.app.bench.FxHeartbeatBench | tee -a "${BENCH_LOG:-/dev/null}" | grep '^RESULT|' >>"$OUT"
  # In turn, the peer of the console's start: a hello-world's first window in a JVM of its own, same flags.
  java $FLAGS ${JAVA_OPTS:-} -Dbench.hello=true -cp "$CP" odcm.app.bench.FxHeartbeatBench | tee -a "${BENCH_LOG:-/dev/null}" \
    | grep '^RESULT|start a JavaFX hello-world' >>"$OUT"
done
echo "ODCM FX heartbeat benchmark: $RUNS runs; JVM $(java -version 2>&1 | head -1); $(nproc) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'|' '
  { key=$2; if (!(key in n)) order[++k]=key; n[key]++; stall[key, n[key]]=$3; total[key, n[key]]=$4; busy[key, n[key]]=$6; if ($3+0 > worst[key]+0) worst[key]=$3 }
  function median(arr, key, m,   i, j, t, v) { for (i=1;i<=m;i++) v[i]=arr[key, i]+0; for (i=1;i<=m;i++) for (j=i+1;j<=m;j++) if (v[j]<v[i]) { t=v[i]; v[i]=v[j]; v[j]=t }; return v[int((m+1)/2)] }
  END {
    printf "%-50s %14s %12s %14s %14s %14s\n", "scenario", "stall median", "stall worst", "stall/50 ms", "FX CPU median", "done median"
    for (i=1;i<=k;i++) { key=order[i]; s=median(stall, key, n[key]); m[key]=s; c[key]=median(busy, key, n[key]); printf "%-50s %11d ms %9d ms %13.1fx %11d ms %11d ms\n", key, s, worst[key], s/50, c[key], median(total, key, n[key]) }
    h="start a JavaFX hello-world (its first window)"
    if ((h in m) && m[h] > 0) {
      a="start console (network A)"
      printf "console start beside a hello-world'"'"'s first window (same flags, in turn): stall %d / %d ms = %.2fx (FX CPU %d / %d ms); once its window shows %d / %d ms = %.2fx\n", \
        m[a], m[h], m[a]/m[h], c[a], c[h], m[a ", once its window shows"], m[h], m[a ", once its window shows"]/m[h]
    }
  }' "$OUT"
rm -f "$OUT"
