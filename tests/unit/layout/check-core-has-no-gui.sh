#!/usr/bin/env bash
# core/ is the engine, server and client: it must build without widgets or GUI types.
set -u
src=${1:?usage: check-core-has-no-gui.sh SOURCE_DIR}
hits=$(grep -rnE '#\s*include\s*[<"](QtWidgets|QtGui|QWidget|QApplication|QGuiApplication|QDialog|QMessageBox|QPixmap|QImage|QColor|QFont)' "$src/core" || true)
links=$(grep -rnE 'Qt6::(Widgets|Gui|Charts)' "$src/core" --include=CMakeLists.txt || true)
if [ -n "$hits$links" ]; then
    echo "core/ uses GUI code:"
    printf '%s\n' "$hits" "$links"
    exit 1
fi
echo "core/ is free of widget and GUI code"
