#!/usr/bin/env bash
# Console start-up against a JavaFX hello-world, as a user feels it, under Xvfb (a real GTK window, not Monocle).
# Alternately, RUNS times: (a) odcm.app.bench.HelloFx, started with exactly the java command line ./odcm uses (same
# java, module path, jars and flags; only the main class differs and the hello class is appended to the class path),
# and (b) the console via ./odcm on a throw-away store holding the example organisation (odcm demo: 4 spaces).
# Both print their moments on stderr when ODCM_STARTUP_TIMES=1 (odcm.app.ui.StartupTimes); each is stopped (SIGTERM)
# once it printed them. Prints the medians, counted from the moment the process was launched (and, in brackets, from
# the JVM's own start): hello-world window shown; the console's first window shown, usable (the current space chosen
# and the Spaces screen listing the spaces), and idle (all start-up work done); and the ratios to the hello-world.
# Goals (issue 12): first window <= 1.3x hello-world, usable <= 2x.
# Usage: bench/console-start.sh [RUNS [OTHER]]     (default 5 runs; OTHER: a second checkout, e.g. the code before a change,
#        whose ./odcm is run in turn too, on the same store, and printed as "other")
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
other="${2:-}"
source bench/peer.sh
if ! command -v Xvfb >/dev/null 2>&1 || ! ldconfig -p | grep -q 'libgtk-3\.so'; then
  install_for_bench "Xvfb or GTK 3 (JavaFX's glass needs it) is missing" xvfb xauth libgtk-3-0
fi
work="$(mktemp -d)"
xvfb=""
cleanup() { [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The store first: this also builds ./odcm (and whatever it prepares) when the sources changed.
export ODCM_STORE="$work/store" ODCM_KEY_DIR="$work/keys" ODCM_LOG_DIR="$work/log" ODCM_CONFIG_DIR="$work/config" # the window opens at its first size
./odcm demo >/dev/null

# The exact java command line of ./odcm (bench/peer.sh records it).
mkdir -p "$work/hello"
real_java="$(command -v java)"
odcm_java_line "$work"
hello_args=()
for ((i = 0; i < ${#odcm_java[@]}; i++)); do
  a="${odcm_java[$i]}"
  case "$a" in
    odcm.app.Main) hello_args+=(odcm.app.bench.HelloFx) ;;
    -cp|-classpath|--class-path) hello_args+=("$a" "${odcm_java[$((i + 1))]}:$work/hello"); i=$((i + 1)) ;;
    *) hello_args+=("$a") ;;
  esac
done
fx="$(ls app/target/lib/javafx-*-linux.jar | tr '\n' ':')"
javac -nowarn -d "$work/hello" --module-path "$fx" --add-modules javafx.controls -cp app/target/odcm-app.jar \
  app/src/test/java/odcm/app/bench/HelloFx.java

display=99
while [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
export DISPLAY=":$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# run NAME WAIT-FOR... : starts one, waits until it printed each moment (60 s at most), stops it; appends
# "<moment> <ms from launch> <ms from JVM start>" lines to $work/NAME.
run() {
  local name="$1"; shift
  local err="$work/$name.err" launched pid
  : >"$err"
  launched="$(date +%s%3N)"
  if [ "$name" = hello ]; then ODCM_STARTUP_TIMES=1 "$real_java" "${hello_args[@]}" 2>"$err" >/dev/null & pid=$!
  elif [ "$name" = other ]; then ODCM_STARTUP_TIMES=1 "$other/odcm" 2>"$err" >/dev/null & pid=$!
  else ODCM_STARTUP_TIMES=1 ./odcm 2>"$err" >/dev/null & pid=$!; fi
  for _ in $(seq 600); do
    local all=1
    for m in "$@"; do grep -q "^$m " "$err" || all=0; done
    [ "$all" = 1 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for m in "$@"; do
    local line; line="$(grep -m1 "^$m " "$err" || true)"
    [ -n "$line" ] || { echo "$name printed no '$m' within 60 s (its stderr follows):" >&2; cat "$err" >&2; exit 1; }
    local jvm epoch
    read -r _ jvm epoch <<<"$line"
    echo "$m $((epoch - launched)) $jvm" >>"$work/$name.times"
  done
}

for i in $(seq "$runs"); do
  run hello window-shown
  run odcm window-shown usable idle
  [ -z "$other" ] || run other window-shown usable idle
  printf '.' >&2
done
echo >&2

median() { # FILE MOMENT COLUMN(2 from launch, 3 from JVM start)
  grep "^$2 " "$1" | awk -v c="$3" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'
}
hello="$(median "$work/hello.times" window-shown 2)"; hello_jvm="$(median "$work/hello.times" window-shown 3)"
printf '%-44s %8s %8s %7s   (from JVM start: ours / peer)\n' "median of $runs runs, ms from launch" ours peer ratio
for m in window-shown usable idle; do
  ours="$(median "$work/odcm.times" "$m" 2)"; ours_jvm="$(median "$work/odcm.times" "$m" 3)"
  printf '%-44s %8s %8s %7s   (%s / %s)\n' "console $m vs hello window-shown" "$ours" "$hello" \
    "$(awk -v a="$ours" -v b="$hello" 'BEGIN {printf "%.2fx", a / b}')" "$ours_jvm" "$hello_jvm"
done
if [ -n "$other" ]; then
  for m in window-shown usable idle; do
    ours="$(median "$work/other.times" "$m" 2)"; ours_jvm="$(median "$work/other.times" "$m" 3)"
    printf '%-44s %8s %8s %7s   (%s / %s)\n' "other $m vs hello window-shown" "$ours" "$hello" \
      "$(awk -v a="$ours" -v b="$hello" 'BEGIN {printf "%.2fx", a / b}')" "$ours_jvm" "$hello_jvm"
  done
fi
echo "goals: window-shown <= 1.30x, usable <= 2.00x"
