"""Lineage on the seeds and its structural laws."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from tests.conftest import SEED_000, SEED_001, seed_text
from wiretrace.attribution import find_attributions
from wiretrace.lineage import Member, infer_lineage
from wiretrace.normalise import extract_quotes, normalise_text
from wiretrace.params import VerifyParams
from wiretrace.verify import compare, profile


def _member(stem: str, published_at: datetime | None):
    clean = normalise_text(re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", seed_text(stem)))
    quotes = extract_quotes(clean)
    cited = tuple((a.source, a.kind, a.phrase) for a in find_attributions(clean))
    member = Member(stem, "unknown", clean.split("\n")[0], published_at, len(quotes), cited)
    return member, profile(stem, clean, quotes, 3)


def test_seeds_two_hop_lineage_from_reuters() -> None:
    m1, p1 = _member(SEED_001, datetime(2024, 12, 26, tzinfo=UTC))
    m0, p0 = _member(SEED_000, None)
    result = infer_lineage("st", [m0, m1], [compare(p0, p1, VerifyParams())])
    assert result.root_article_id == SEED_001
    assert result.wire_source == "Reuters"
    primary = {e.article_id: e for e in result.edges if e.is_primary}
    assert primary[SEED_001].parent_source == "Reuters"
    assert primary[SEED_000].parent_article_id == SEED_001
    assert primary[SEED_000].relation == "rewrite"
    evidence = json.loads(primary[SEED_000].evidence)
    assert len(evidence["shared_quotes"]) == 4
    alternatives = [e for e in result.edges if e.article_id == SEED_000 and not e.is_primary]
    assert alternatives and all(e.confidence < primary[SEED_000].confidence for e in alternatives)


def test_one_primary_per_derived_article_and_parents_in_story() -> None:
    m1, p1 = _member(SEED_001, datetime(2024, 12, 26, tzinfo=UTC))
    m0, p0 = _member(SEED_000, datetime(2024, 12, 27, tzinfo=UTC))
    result = infer_lineage("st", [m0, m1], [compare(p0, p1, VerifyParams())])
    for article in (SEED_000, SEED_001):
        edges = [e for e in result.edges if e.article_id == article]
        assert sum(e.is_primary for e in edges) == 1
        for e in edges:
            assert (e.parent_article_id is None) != (e.parent_source is None)
            assert 0.0 <= e.confidence <= 1.0


def test_singleton_without_citation_has_no_parent() -> None:
    result = infer_lineage("st", [Member("solo", "outlet", "h", None, 0, ())], [])
    assert result.root_article_id == "solo" and result.edges == () and result.wire_source is None
