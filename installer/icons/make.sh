#!/usr/bin/env bash
# Makes the icon's PNGs (16 to 256 px) from odcm.svg with ImageMagick (apt-get install imagemagick); run it after
# changing the SVG, and commit the PNGs: the installer's build uses them and needs no ImageMagick.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256; do
  /usr/bin/convert -background none -density 384 odcm.svg -resize "${size}x${size}" "odcm-$size.png"
done
