"""Ingestion: read inputs, clean them, read metadata, link near-duplicates, store."""
