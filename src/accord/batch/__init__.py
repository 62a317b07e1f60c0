"""The per-report stages on Apache Spark (`accord batch`) and the store-wide ones after them
(`accord load`)."""
