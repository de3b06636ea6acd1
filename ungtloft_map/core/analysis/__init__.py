"""Analysis operations: one operation per module, pure functions returning result objects."""
