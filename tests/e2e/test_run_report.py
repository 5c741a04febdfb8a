"""Each flow run leaves its report in Prefect: a markdown summary and a table of its largest stories."""

from __future__ import annotations

import json
import uuid
from contextlib import closing
from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

from tasks.report import STORIES_KEY, SUMMARY_KEY
from tests.conftest import SEED_001
from warehouse.connection import connect_reader


def _artifacts(db: Path, which: int) -> dict[str, object]:
    """key -> data of the artifacts left by the ``which``-th run (0 = first) of ``db``."""
    with closing(connect_reader(db)) as con:
        runs = [r[0] for r in con.execute("SELECT flow_run_id FROM lineage.runs ORDER BY started_at").fetchall()]
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[uuid.UUID(runs[which])]))
        )
    return {a.key: a.data for a in found if a.key}


def test_seeds_run_reports_one_new_reuters_story(seeds_warehouse: Path) -> None:
    artifacts = _artifacts(seeds_warehouse, 0)
    summary = str(artifacts[SUMMARY_KEY])
    assert "| articles in | 2 |" in summary
    assert "| new stories | 1 |" in summary and "| grown stories | 0 |" in summary
    assert "| quarantined | 0 |" in summary
    data = artifacts[STORIES_KEY]
    table = json.loads(data) if isinstance(data, str) else data
    assert [(r["status"], r["n_articles"], r["added"], r["wire_source"], r["root_article_id"]) for r in table] == [
        ("new", 2, 2, "Reuters", SEED_001)
    ]


def test_second_run_reports_its_own_stories(synthetic_warehouse: Path) -> None:
    artifacts = _artifacts(synthetic_warehouse, 1)  # the synthetic corpus, after the seeds
    summary = str(artifacts[SUMMARY_KEY])
    assert "| new stories | 0 |" not in summary
    data = artifacts[STORIES_KEY]
    table = json.loads(data) if isinstance(data, str) else data
    assert 0 < len(table) <= 20
    assert all(r["added"] > 0 and r["root_article_id"] != SEED_001 for r in table)
    sizes = [r["n_articles"] for r in table]
    assert sizes == sorted(sizes, reverse=True)
