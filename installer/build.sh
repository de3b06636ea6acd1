#!/usr/bin/env bash
# Build the one-folder desktop app dist/UngtLoftMap/ with PyInstaller and smoke-test it.
#
#   bash installer/build.sh            (what `make installer` runs; Linux and macOS)
#
# 1. installs the `installer` extra (PyInstaller) into the venv,
# 2. runs PyInstaller with installer/ungtloft_map.spec,
# 3. runs the frozen app's --bundle-check and --selftest offline and headless,
# 4. prints the bundle size and the frozen start-up (selftest) time.
#
# Environment: VENV (default .venv), PYINSTALLER_ARGS (extra arguments, e.g. --clean),
# UNGTLOFT_SKIP_PIP=1 (do not touch the venv). Windows: see installer/BUILD_WINDOWS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
APP=dist/UngtLoftMap
EXE="$APP/UngtLoftMap"

[ -x "$PY" ] || { echo "build.sh: no venv at $VENV (run \`make run\` or \`make test\` first)" >&2; exit 1; }
[ -f geodata/demo/manifest.json ] || { echo "build.sh: geodata/demo is missing (make demo)" >&2; exit 1; }

now() { "$PY" -c 'import time; print(f"{time.time():.3f}")'; }
secs() { "$PY" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

if [ "${UNGTLOFT_SKIP_PIP:-0}" != 1 ]; then
    echo "== installing the installer extra into $VENV"
    "$VENV/bin/pip" install -q -e ".[installer]"
fi

# icupkg trims Qt's ICU data (installer/icu_trim.py); Debian's icu-devtools has it.
if ! command -v icupkg >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing icu-devtools (icupkg)"
    apt-get install -y -q icu-devtools >/dev/null || echo "build.sh: no icu-devtools: full ICU data"
fi

echo "== PyInstaller ($("$PY" -m PyInstaller --version)) -> $APP"
t0=$(now)
# shellcheck disable=SC2086 # PYINSTALLER_ARGS is a list of words
"$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller ${PYINSTALLER_ARGS:-} installer/ungtloft_map.spec
t1=$(now)
BUILD_S=$(secs "$t0" "$t1")
[ -x "$EXE" ] || { echo "build.sh: $EXE was not built" >&2; exit 1; }

# --- smoke test: headless, as root if need be, and without network -------------------------------
export QT_QPA_PLATFORM=offscreen
if [ "$(id -u)" = 0 ]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi
# Any network use must fail: a dead proxy for every scheme, and (when we may) no network at all.
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 all_proxy=http://127.0.0.1:9
export HTTP_PROXY=$http_proxy HTTPS_PROXY=$https_proxy ALL_PROXY=$all_proxy
unset no_proxy NO_PROXY
OFFLINE=()
if command -v unshare >/dev/null && unshare --net --map-root-user true 2>/dev/null; then
    OFFLINE=(unshare --net --map-root-user)
    echo "== smoke test in a network namespace without network (unshare --net)"
else
    echo "== smoke test with a dead proxy (unshare --net is not available here)"
fi

${OFFLINE[@]+"${OFFLINE[@]}"} "$EXE" --bundle-check

t2=$(now)
${OFFLINE[@]+"${OFFLINE[@]}"} "$EXE" --selftest
t3=$(now)
SELFTEST_S=$(secs "$t2" "$t3")

echo "== built $APP"
echo "   build time:           ${BUILD_S} s"
echo "   bundle size:          $(du -sh "$APP" | cut -f1)  ($(du -sm "$APP" | cut -f1) MB, $(find "$APP" -type f | wc -l) files)"
echo "   selftest (start-up):  ${SELFTEST_S} s wall, frozen app, offline"
echo "   install for this user: bash installer/install-linux.sh"
