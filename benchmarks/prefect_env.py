"""The Prefect environment of benchmarks that run flows in their own process."""

from __future__ import annotations

import os


def quiet_prefect() -> None:
    """No analytics, a generous start-up timeout for the temporary server, warnings only.

    Call before importing anything that imports Prefect: it reads these settings at import."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
