"""The wiretrace dashboard: a Streamlit app over the warehouse, opened read-only.

``queries`` (SQL in ``sql/*.sql``), ``figures`` (Altair charts) and ``compare`` (side-by-side
evidence) are plain Python; ``app.py``, ``ui.py`` and ``screens/*.py`` are the Streamlit pages.
"""
