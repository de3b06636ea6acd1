"""PySide6.QtQml without the QML plugin tree.

PyInstaller's own hook for ``PySide6.QtQml`` also collects every QML module PySide6 ships
(``Qt/qml``: Quick 3D, Controls, Multimedia, Charts ... and the Qt libraries they link, several
hundred MB). The app has no QML: ``PySide6.QtQml`` is only pulled in because Qt WebEngine and Qt
WebChannel link ``libQt6Qml``. This hook (found first through ``hookspath`` in
``installer/ungtloft_map.spec``) keeps the module and its libraries, not the QML plugins.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
