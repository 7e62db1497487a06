#!/usr/bin/env bash
# Makes the icon's PNGs (16 to 256 px) from odcm.svg with ImageMagick (apt-get install imagemagick) into the console's
# resources (its windows' icon); run it after changing the SVG, and commit the PNGs: the builds use them as they are.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256; do
  /usr/bin/convert -background none -density 384 odcm.svg -resize "${size}x${size}" "../../app/src/main/resources/odcm/app/ui/icon/odcm-$size.png"
done
