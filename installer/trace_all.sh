#!/usr/bin/env bash
# Record what the app loads over every sub-command and the window (installer/trace_loads.py),
# then print the union by package: the evidence behind the trims in installer/ungtloft_map.spec.
#
#   bash installer/trace_all.sh            -> build/trace-loads.jsonl and a summary
#
# Runs on the demo data in a scratch folder, headless; takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV="${VENV:-.venv}"
case "$VENV" in /*) ;; *) VENV="$ROOT/$VENV" ;; esac
PY="$VENV/bin/python"
OUT="$ROOT/build/trace-loads.jsonl"
DEMO="$ROOT/geodata/demo"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$ROOT/build"
rm -f "$OUT"
export QT_QPA_PLATFORM=offscreen XDG_CACHE_HOME="$WORK/cache" XDG_CONFIG_HOME="$WORK/config"
if [ "$(id -u)" = 0 ]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi
cd "$WORK"
# Origins and destinations: stops of the demo feed.
"$PY" - "$DEMO/gtfs.zip" <<'PYEOF'
import csv, io, sys, zipfile
rows = list(csv.DictReader(io.StringIO(zipfile.ZipFile(sys.argv[1]).read("stops.txt").decode("utf-8-sig"))))
for name, part in (("o.csv", rows[:5]), ("d.csv", rows[-3:])):
    with open(name, "w") as fh:
        fh.write("id,lon,lat\n" + "".join(f"{r['stop_id']},{r['stop_lon']},{r['stop_lat']}\n" for r in part))
print(rows[0]["stop_lon"], rows[0]["stop_lat"], file=open("first_stop", "w"))
PYEOF
read -r LON LAT < first_stop
T=("$PY" "$ROOT/installer/trace_loads.py" "$OUT")
run() { echo "== $*"; "${T[@]}" -- "$@" >/dev/null 2>&1; }
run --selftest
run export-map --indicator low_income --out m.html
run export-map --indicator composite_score --out m.png
run export-zones --themes --out z.xlsx
run export-zones --out z.gpkg
run rank --stability --out r.csv
run report --plan "$DEMO/plans/plan_a_boligfelt.geojson" --out r.pdf
run report --plan "$DEMO/plans/plan_b_park.sos" --out r.html
run report --plans "$DEMO/plans" --out s.csv
run transit-matrix --gtfs "$DEMO/gtfs.zip" --origins o.csv --destinations d.csv --out tm.csv
run isochrone --gtfs "$DEMO/gtfs.zip" --lon "$LON" --lat "$LAT" --minutes 15,30 --out iso.geojson
echo "== the window (40 s)"
"${T[@]}" --gui-seconds 40 -- >/dev/null 2>&1
"$PY" "$ROOT/installer/trace_loads.py" --summary "$OUT"
