#!/usr/bin/env bash
# Renders icons/tokenpass.svg into the hicolor PNG sizes, the Windows .ico and the macOS .icns
# source set. The results are committed; run this again only after editing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin) and python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }

for size in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "icons/hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" icons/tokenpass.svg -o "icons/hicolor/${size}x${size}/apps/tokenpass.png"
done
mkdir -p icons/hicolor/scalable/apps
cp icons/tokenpass.svg icons/hicolor/scalable/apps/tokenpass.svg

# Windows: one .ico with the sizes Explorer and the taskbar ask for. Since Vista an .ico entry
# may hold a PNG as is, so a few lines of Python pack it (no ImageMagick needed).
python3 - windows/tokenpass.ico icons/hicolor/{16x16,24x24,32x32,48x48,64x64,128x128,256x256}/apps/tokenpass.png <<'PY'
import struct, sys
out, pngs = sys.argv[1], sys.argv[2:]
blobs = [open(p, "rb").read() for p in pngs]
header = struct.pack("<HHH", 0, 1, len(blobs))
offset = 6 + 16 * len(blobs)
entries = b""
for blob in blobs:
    width, height = struct.unpack(">II", blob[16:24])   # from the PNG IHDR chunk
    entries += struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(blob), offset)
    offset += len(blob)
open(out, "wb").write(header + entries + b"".join(blobs))
PY
# macOS: iconutil (macOS only) turns this folder into tokenpass.icns at package time.
mkdir -p macos/tokenpass.iconset
for size in 16 32 128 256 512; do
  rsvg-convert -w "$size" -h "$size" icons/tokenpass.svg -o "macos/tokenpass.iconset/icon_${size}x${size}.png"
  rsvg-convert -w $((size * 2)) -h $((size * 2)) icons/tokenpass.svg -o "macos/tokenpass.iconset/icon_${size}x${size}@2x.png"
done
