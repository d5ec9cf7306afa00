#!/usr/bin/env bash
# Renders co2e's projection charts and the --html pages of README's examples in a real browser
# (headless Chromium) and checks that each picture is not blank (enough non-white pixels, and
# the series' colours present) and that no page logged a console message or a blocked load. Installs
# Chromium from the system's packages when it is missing and the script may (root with
# apt-get); otherwise it says so and skips (exit 0), so CI without a browser still passes.
#
#     .ci/render-chart.sh [OUTPUT_DIR]      (default .build/chart-check; PNGs are left there)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/chart-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)

browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "render-chart: installing chromium from the system's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
    command -v chromium >/dev/null 2>&1 && browser=chromium
  fi
fi
if [ -z "$browser" ]; then
  echo "render-chart: SKIPPED: no Chromium, and it cannot be installed here (needs root and apt-get); the SVG checks in swift test still ran" >&2
  exit 0
fi

swift build --product co2e >/dev/null
co2e=.build/debug/co2e
$co2e project --scenario iea-2025-base --scenario iea-2025-lift-off --scenario iea-2025-headwinds --to 2035 --chart "$out/scenarios.svg" >/dev/null
$co2e project --scenario iea-2025-base --to 2035 --set growth=12..18%/y --chart "$out/band.svg" >/dev/null
$co2e project --scenario iea-2025-base --sensitivity --to 2030 --chart "$out/tornado.svg" >/dev/null
# The --html pages of README's "Share as a page" section, as written there.
$co2e training --energy 50..60GWh --grid FR --grid US --html "$out/gpt4.html" >/dev/null
$co2e project --scenario iea-2025-base --scenario morgan-stanley-2024 --html "$out/projections.html" >/dev/null
$co2e montecarlo --samples 100000 --html "$out/montecarlo.html" >/dev/null 2>&1
$co2e net --emissions 15Mt/y --growth 5%/y --portfolio microsoft --from 2025 --to 2040 --html "$out/net.html" >/dev/null

status=0
for file in scenarios.svg band.svg tornado.svg gpt4.html projections.html montecarlo.html net.html; do
  name=${file%.*} svg="$out/$file" png="$out/$name.png"
  rm -f "$png"
  # --screenshot writes the PNG; Chromium's own chatter goes to a log, and with
  # --enable-logging=stderr the page's console messages too (a page has none: no script).
  size=1000,700
  case $file in *.html) size=1000,3000 ;; esac
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 --screenshot="$png" \
    --window-size=$size "file://$svg" >"$out/$name.log" 2>&1 || true
  if [ ! -s "$png" ]; then
    echo "render-chart: $browser wrote no picture for $svg (see $out/$name.log)" >&2
    status=1
    continue
  fi
  if grep -E "CONSOLE|Uncaught|Refused to|net::ERR" "$out/$name.log"; then
    echo "render-chart: $svg logged console errors or blocked loads in $browser (above; see $out/$name.log)" >&2
    status=1
  fi
  python3 - "$png" "$svg" <<'PY' || status=1
import struct, sys, zlib
import xml.etree.ElementTree as ET

png, svg = sys.argv[1], sys.argv[2]
if svg.endswith(".svg"):
    ET.parse(svg)  # the SVG is well-formed XML

def pixels(path):
    """RGB(A) pixels of an 8-bit, non-interlaced PNG (what Chromium writes), via zlib only."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and ctype in (0, 2, 4, 6), (depth, ctype, interlace)
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows

w, h, bpp, rows = pixels(png)
total = w * h
nonwhite = coloured = 0
for row in rows:
    for x in range(0, len(row), bpp):
        r, g, b = (row[x], row[x], row[x]) if bpp <= 2 else (row[x], row[x + 1], row[x + 2])
        if min(r, g, b) < 235:
            nonwhite += 1
        if max(r, g, b) - min(r, g, b) > 60:
            coloured += 1
share = nonwhite / total
print(f"render-chart: {png}: {w}x{h}, {share:.1%} non-white, {coloured} coloured pixels")
if share < 0.01 or coloured < 500:
    sys.exit(f"render-chart: {png} looks blank ({share:.2%} non-white, {coloured} coloured pixels)")
PY
done
exit $status
