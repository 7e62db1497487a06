#!/bin/sh
# Makes the class-data-sharing archive of this installed app (lib/app/odcm.jsa) from its class list, for the class path
# its launcher gives, where the app is (an archive is tied to its jars' paths: docs/decisions/0050); run by the package's
# postinst, or by hand after moving an app image. The launcher uses it when it fits (-Xshare:auto), never needs it.
set -e
appdir="$(cd "$(dirname "$0")" && pwd)"
java="$appdir/../runtime/bin/java"
cp="$(sed -n 's/^app\.classpath=//p' "$appdir/odcm.cfg" | sed "s|\$APPDIR|$appdir|g" | paste -sd: -)"
rm -f "$appdir/odcm.jsa"
dump() { "$java" -Xshare:dump -XX:SharedClassListFile="$1" -XX:SharedArchiveFile="$appdir/odcm.jsa.new" -cp "$cp" >/dev/null 2>&1; }
# Should the lambda entries fail to dump, once more without them.
if ! dump "$appdir/odcm.classlist"; then
  grep -v '^@' "$appdir/odcm.classlist" >"$appdir/odcm.classlist.plain"
  dump "$appdir/odcm.classlist.plain" || { rm -f "$appdir/odcm.classlist.plain" "$appdir/odcm.jsa.new"; exit 1; }
  rm -f "$appdir/odcm.classlist.plain"
fi
# It must load (JDK 17 crashes on a damaged archive even with -Xshare:auto) before it takes its place.
"$java" -Xshare:on -XX:SharedArchiveFile="$appdir/odcm.jsa.new" -cp "$cp" odcm.app.Main --version >/dev/null 2>&1 ||
  { rm -f "$appdir/odcm.jsa.new"; exit 1; }
mv "$appdir/odcm.jsa.new" "$appdir/odcm.jsa"
