"""Prefect flows (one per file) and the ``wiretrace`` command line."""
