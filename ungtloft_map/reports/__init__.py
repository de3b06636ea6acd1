"""Report builders (HTML via jinja2, PDF). Qt-free."""
