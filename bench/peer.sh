# Sourced by the bench scripts: installs Debian packages a peer tool needs, for the benchmark only.
# Usage: install_for_bench "what is missing, as a sentence" PACKAGE...
install_for_bench() {
  local why="$1"; shift
  echo "$why: installing Debian's $*, for this benchmark only."
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$@" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$@" >/dev/null; }
  else sudo apt-get install -y "$@" >/dev/null; fi
}

# The java command line ./odcm runs for WORDS (none: the console), recorded by a stand-in 'java' first on the PATH
# instead of started; sets the array odcm_java to its words after 'java' (main class and arguments included). ./odcm
# must be built, with its archives made (any command run once does both), for the stand-in sees only its last java.
# Usage: odcm_java_line SCRATCH-DIR [WORDS...]
odcm_java_line() {
  local dir="$1" real; shift
  real="$(command -v java)"
  mkdir -p "$dir/bin"
  cat >"$dir/bin/java" <<STUB
#!/usr/bin/env bash
for a in "\$@"; do [ "\$a" = odcm.app.Main ] && { printf '%s\0' "\$@" >"$dir/odcm-java.args"; exit 0; }; done
exec "$real" "\$@"
STUB
  chmod +x "$dir/bin/java"
  rm -f "$dir/odcm-java.args"
  # The console's line is recorded without a display: the stand-in never opens a window.
  DISPLAY="${DISPLAY:-:0}" PATH="$dir/bin:$PATH" ./odcm "$@"
  mapfile -d '' odcm_java <"$dir/odcm-java.args"
}

# The JVM flags of the console's java command line (./odcm's, ODCM_JAVA_OPTS included): its words before the main class
# but its class path, module path and class-data archive, which fit only ./odcm's own jars. Builds ./odcm first when
# needed. Sets the array odcm_flags.
odcm_console_flags() {
  local scratch i a
  ./odcm --version >/dev/null # builds ./odcm (and its archives) when needed, before its java line is recorded
  scratch="$(mktemp -d)"
  odcm_java_line "$scratch"
  rm -rf "$scratch"
  odcm_flags=()
  for ((i = 0; i < ${#odcm_java[@]}; i++)); do
    a="${odcm_java[$i]}"
    case "$a" in
      odcm.app.Main) break ;;
      -cp | -classpath | --class-path | --module-path | -p | --add-modules) i=$((i + 1)) ;;
      -Xshare:* | -XX:SharedArchiveFile=* | -Xlog:cds*) ;;
      *) odcm_flags+=("$a") ;;
    esac
  done
}

# The JVM a bench runs ours in, from its word WHICH: "console" (the console's flags, as users run it; decision 0062) or
# "default" (the JVM's default flags, both compilers). Sets odcm_flags and bench_jvm (the words that say which).
# Usage: bench_jvm_flags WHICH
bench_jvm_flags() {
  case "$1" in
    console) odcm_console_flags; bench_jvm="the console's, from the java command line of ./odcm" ;;
    default) odcm_flags=(); bench_jvm="default (both compilers), not the console's" ;;
    *) echo "${0##*/}: '$1' is neither console nor default." >&2; exit 2 ;;
  esac
}
