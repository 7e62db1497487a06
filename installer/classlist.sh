#!/usr/bin/env bash
# The classes a few commands and a headless console start load (docs/decisions/0020, 0050), recorded with the installer's
# runtime and jars, written to OUT: the list the installed app's class-data archive is made from (odcm-cds.sh).
# Usage: installer/classlist.sh RUNTIME JARS_FOLDER APP_TARGET OUT
#   APP_TARGET: app/target, for JavaFX's jars (lib/) and Monocle (cds/), with which the console starts headless once.
set -euo pipefail
runtime="$1" jars="$2" app="$3" out="$4"
java="$runtime/bin/java"
cp="$(ls "$jars"/*.jar | paste -sd: -)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ODCM_STORE="$work/store" ODCM_KEY_DIR="$work/keys" ODCM_LOG_DIR="$work/log"
unset ODCM_DEBUG
n=0
record() { n=$((n + 1)); "$java" -Xshare:off -XX:DumpLoadedClassList="$work/$n.lst" -Dorg.jooq.no-logo=true -cp "$cp" odcm.app.Main "$@" </dev/null >/dev/null 2>&1 || true; }
record --version
record demo
record space list
record bundle create --space "DevTest Space" --project "Reports" --release 1.0.0 --to "QA Space" --out "$work/r.odcmbundle"
record bundle verify "$work/r.odcmbundle" --space "QA Space"
record --help
# The console, headless: Monocle (a test library of the build) works with JavaFX on the class path only, so the runtime's
# JavaFX modules are left out for this run; the list names classes, which the dump then takes from the modules.
monocle="$(ls "$app"/cds/openjfx-monocle-*.jar 2>/dev/null | head -1 || true)"
if [ -n "$monocle" ]; then
  timeout 300 "$java" -Xshare:off -XX:DumpLoadedClassList="$work/console.lst" \
    --limit-modules java.desktop,java.sql,java.naming,java.management,java.scripting,java.compiler,java.instrument,java.security.jgss,java.xml,jdk.crypto.ec,jdk.net,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs \
    -cp "$cp:$(ls "$app"/lib/javafx-*-linux.jar | paste -sd: -):$monocle" -Dglass.platform=Monocle -Dmonocle.platform=Headless \
    -Dprism.order=sw -Djava.awt.headless=true -Dodcm.cds.training=true odcm.app.Main </dev/null >/dev/null 2>&1 || true
fi
# Lambda entries that name BouncyCastle's (signed, never archived) classes crash JDK 17's static dump; those of a
# picocli (Java 5) interface would leave it and its implementations out of the archive (decision 0020, as ./odcm does).
cat "$work"/*.lst | grep -v -e '^#' -e '^@lambda-proxy .*org/bouncycastle/' -e '^@lambda-proxy [^ ]* [^ ]* ([^)]*)Lpicocli/' | awk '!seen[$0]++' >"$out"
echo "installer: $(wc -l <"$out") classes recorded" >&2
