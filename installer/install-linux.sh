#!/usr/bin/env bash
# Install the one-folder build for the current user, without root:
#
#   bash installer/install-linux.sh [BUILD_DIR]     (default: dist/UngtLoftMap)
#   bash installer/install-linux.sh --uninstall
#
#   ~/.local/opt/UngtLoftMap/                                  the app (replaced as a whole)
#   ~/.local/bin/ungtloft-map                                  symlink to the app (the CLI)
#   ~/.local/share/applications/ungtloft-map.desktop           the menu entry
#   ~/.local/share/icons/hicolor/{256x256,scalable}/apps/ungtloft-map.{png,svg}
#
# Idempotent: running it again replaces the installed copy and leaves nothing behind.
# XDG_DATA_HOME is honoured for the share/ part.
set -euo pipefail

cd "$(dirname "$0")/.."
OPT="$HOME/.local/opt/UngtLoftMap"
BIN="$HOME/.local/bin"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
DESKTOP="$DATA/applications/ungtloft-map.desktop"
ICON_PNG="$DATA/icons/hicolor/256x256/apps/ungtloft-map.png"
ICON_SVG="$DATA/icons/hicolor/scalable/apps/ungtloft-map.svg"

refresh() {
    if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$DATA/applications" || true; fi
    if command -v gtk-update-icon-cache >/dev/null && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$OPT" "$OPT.new"
    rm -f "$DESKTOP" "$ICON_PNG" "$ICON_SVG"
    if [ -L "$BIN/ungtloft-map" ] && [ "$(readlink "$BIN/ungtloft-map")" = "$OPT/UngtLoftMap" ]; then
        rm -f "$BIN/ungtloft-map"
    fi
    refresh
    echo "UngtLøft Map removed."
    exit 0
fi

SRC="${1:-dist/UngtLoftMap}"
[ -x "$SRC/UngtLoftMap" ] || { echo "install-linux.sh: no build at $SRC (run: bash installer/build.sh)" >&2; exit 1; }

# Copy next to the old install, then swap, so a failed copy never leaves a half-installed app.
mkdir -p "$(dirname "$OPT")" "$BIN" "$DATA/applications"
rm -rf "$OPT.new"
cp -a "$SRC" "$OPT.new"
rm -rf "$OPT"
mv "$OPT.new" "$OPT"

install -D -m 644 resources/icons/ungtloft-map.png "$ICON_PNG"
install -D -m 644 resources/icons/ungtloft-map.svg "$ICON_SVG"
# Desktop entries do not expand ~ or $HOME: write the absolute path of this install.
sed -e "s|^Exec=.*|Exec=\"$OPT/UngtLoftMap\"|" -e "s|^TryExec=.*|TryExec=$OPT/UngtLoftMap|" \
    installer/ungtloft-map.desktop > "$DESKTOP.tmp"
chmod 644 "$DESKTOP.tmp"
mv "$DESKTOP.tmp" "$DESKTOP"
ln -sfn "$OPT/UngtLoftMap" "$BIN/ungtloft-map"
refresh

echo "UngtLøft Map installed in $OPT"
echo "  menu entry: $DESKTOP"
echo "  command:    $BIN/ungtloft-map  (ungtloft-map --selftest checks the install)"
case ":$PATH:" in *":$BIN:"*) ;; *) echo "  note: $BIN is not on PATH" ;; esac
