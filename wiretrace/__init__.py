"""wiretrace core: pure functions from articles to stories and lineage.

Nothing here imports Prefect or DuckDB; functions take and return Arrow tables (schemas in
:mod:`wiretrace.schemas`) or plain values. Stages, in pipeline order: :mod:`~wiretrace.ingest`,
:mod:`~wiretrace.normalise` (with :mod:`~wiretrace.attribution`), :mod:`~wiretrace.signatures`,
:mod:`~wiretrace.verify`, :mod:`~wiretrace.stories`, :mod:`~wiretrace.lineage`.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
