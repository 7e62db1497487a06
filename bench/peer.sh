# Sourced by the bench scripts: installs Debian packages a peer tool needs, for the benchmark only.
# Usage: install_for_bench "what is missing, as a sentence" PACKAGE...
install_for_bench() {
  local why="$1"; shift
  echo "$why: installing Debian's $*, for this benchmark only."
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$@" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$@" >/dev/null; }
  else sudo apt-get install -y "$@" >/dev/null; fi
}
