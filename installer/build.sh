#!/usr/bin/env bash
# Builds ODCM Console's installers for Linux into target/installer/ (docs/decisions/0050):
#   target/installer/image/odcm/             the app image: bin/odcm, its own Java runtime (jlink) and the jars
#   target/installer/odcm_<version>_amd64.deb the Debian package of that image: /opt/odcm, a desktop entry, the MIME types of
#                                             .odcmbundle and .odcmreceipt, the icon, and the command odcm on the PATH
# Usage: installer/build.sh [app-image]      (app-image: the image only, no .deb)
# Needs a JDK 17 with jpackage and jlink, Maven, and for the .deb fakeroot and dpkg-deb (apt-get install fakeroot).
set -euo pipefail
cd "$(dirname "$0")/.."
here="$PWD"
out="$here/target/installer"
work="$out/work"
app="$here/app/target"

# The build, as ./odcm makes it, unless it is newer than every source file.
if [ ! -f "$app/odcm-app.jar" ] || [ -n "$(find "$here" -path "$here/.git" -prune -o -path '*/target' -prune -o -type f \
    \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$app/odcm-app.jar" -print -quit)" ]; then
  echo "installer: building the console (mvn package)..." >&2
  mvn -B -q -DskipTests package
fi

# The version: the jar's manifest (Maven's project.version); a package's version is its numbers ("0.1.0" of "0.1.0-SNAPSHOT").
rm -rf "$out"
mkdir -p "$work/input"
(cd "$work" && jar xf "$app/odcm-app.jar" META-INF/MANIFEST.MF)
version="$(tr -d '\r' <"$work/META-INF/MANIFEST.MF" | sed -n 's/^Implementation-Version: //p')"
[ -n "$version" ] || { echo "installer: odcm-app.jar names no Implementation-Version" >&2; exit 3; }
numbers="${version%%[!0-9.]*}"
numbers="${numbers%.}"

# The jars but JavaFX's, which are linked into the runtime as modules (the console needs no --module-path).
shopt -s nullglob
fx=()
for jar in "$app/odcm-app.jar" "$app"/lib/*.jar; do
  case "$jar" in
    */javafx-*-linux.jar) fx+=("$jar") ;;
    */javafx-*) ;;
    *) cp "$jar" "$work/input/" ;;
  esac
done
fxpath="$(IFS=:; echo "${fx[*]}")"

# The runtime: the JDK modules the jars use (jdeps on each jar, summed up by hand: java.compiler, java.instrument and
# java.scripting are H2's, java.security.jgss PostgreSQL's driver's, jdk.crypto.ec TLS with EC certificates, jdk.zipfs
# the bundles' zip), and JavaFX's, then its default class-data archive of the JDK's classes.
echo "installer: linking the runtime..." >&2
jlink --module-path "$fxpath" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$work/runtime" \
  --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.net,jdk.unsupported,jdk.zipfs,javafx.controls,javafx.swing
"$work/runtime/bin/java" -Xshare:dump -Xlog:cds=off >/dev/null

# The class list of the app's own archive, and the script that makes the archive where the app is installed: an archive
# is tied to its jars' paths (JDK 17 does not relocate one), so the package's postinst makes it there.
installer/classlist.sh "$work/runtime" "$work/input" "$app" "$work/odcm.classlist"
mv "$work/odcm.classlist" "$work/input/"
cp installer/linux/odcm-cds.sh "$work/input/"
mkdir "$work/input/icons"
cp app/src/main/resources/odcm/app/ui/icon/odcm-*.png "$work/input/icons/"
cp installer/linux/odcm-mime.xml "$work/input/"

# The app image. One JVM for the console and the commands, with the quick compiler alone (decision 0028) and the
# class-data archive odcm-cds.sh makes, used when it is there and fits (-Xshare:auto: silently not used otherwise).
echo "installer: the app image..." >&2
jopts=()
for o in -XX:TieredStopAtLevel=1 -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true \
    -Xshare:auto '-XX:SharedArchiveFile=$APPDIR/odcm.jsa' -Xlog:cds=off -Xlog:cds+dynamic=off; do
  jopts+=(--java-options "$o")
done
jpackage --type app-image --dest "$out/image" --name odcm --app-version "$numbers" --vendor "ODCM" \
  --description "ODCM Console: release bundles across separated networks" --copyright "ODCM" \
  --input "$work/input" --main-jar odcm-app.jar --main-class odcm.app.Main --runtime-image "$work/runtime" \
  --icon app/src/main/resources/odcm/app/ui/icon/odcm-256.png "${jopts[@]}"
image="$out/image/odcm"

if [ "${1:-}" != app-image ]; then
  echo "installer: the Debian package..." >&2
  # jpackage's templates, ours where they differ: the package control (GTK, which only the console needs, recommended),
  # the desktop entry (its name, its MIME types, and %f: the file opened), the maintainer scripts (the desktop entry, the
  # MIME types of installer/linux/odcm-mime.xml and the icons where the desktop looks; the command on the PATH; the archive).
  # jpackage's --file-associations is not used: its MIME types lack "a zip file" (sub-class-of), and its xdg-desktop-menu
  # fails the install where no menu folder exists.
  res="$work/resources"
  mkdir -p "$res"
  cp installer/linux/control installer/linux/odcm.desktop installer/linux/postinst installer/linux/prerm "$res/"
  cp app/src/main/resources/odcm/app/ui/icon/odcm-256.png "$res/odcm.png"
  # gzip: the runtime is compressed already, and xz took minutes on it for 7% less.
  DPKG_DEB_COMPRESSOR_TYPE=gzip jpackage --type deb --dest "$out" --app-image "$image" --name odcm --app-version "$numbers" --vendor "ODCM" \
    --description "ODCM Console: release bundles across separated networks" --linux-package-name odcm \
    --linux-deb-maintainer "odcm@localhost" --linux-menu-group "Development" --linux-app-category utils --linux-shortcut \
    --resource-dir "$res" --icon app/src/main/resources/odcm/app/ui/icon/odcm-256.png
fi
# The image's own archive, where it was built (after the .deb, which must not carry it: the installed one is made there).
sh "$image/lib/app/odcm-cds.sh" || echo "installer: no class-data archive for the app image (it works without)" >&2
rm -rf "$work"
echo "installer: $image $(cd "$out" && ls *.deb 2>/dev/null || true) (version $version)" >&2
