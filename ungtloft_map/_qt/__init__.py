"""PySide6 desktop view. The only package allowed to import Qt."""
