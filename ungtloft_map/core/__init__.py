"""Qt-free core: data model, readers and analysis operations."""
