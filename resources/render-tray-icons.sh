#!/usr/bin/env bash
# Renders the tray icons (icons/tray/<variant>-<state>.svg) to the PNG sizes panels ask for, and
# writes icons/tray/tray.qrc. The app loads the PNGs, so it needs no SVG support at run time.
# The results are committed; run this again only after editing an SVG. Needs rsvg-convert.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/icons/tray"
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }

sizes="16 22 24 32 48 64"
{
  echo '<!DOCTYPE RCC><RCC version="1.0">'
  echo '<qresource prefix="/tray">'
  for svg in *.svg; do
    name="${svg%.svg}"
    for size in $sizes; do
      mkdir -p png
      rsvg-convert -w "$size" -h "$size" "$svg" -o "png/${name}-${size}.png"
      echo "  <file alias=\"${name}-${size}.png\">png/${name}-${size}.png</file>"
    done
  done
  echo '</qresource>'
  echo '</RCC>'
} > tray.qrc
