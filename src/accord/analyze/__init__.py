"""Analysis: sentences, entities, statements, numeric claims and time expressions."""
