"""Lineage on the seeds and its structural laws."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime

from tests.conftest import SEED_000, SEED_001, seed_text
from wiretrace.attribution import find_attributions
from wiretrace.lineage import Member, infer_lineage, wire_relation
from wiretrace.normalise import extract_quotes, normalise_text
from wiretrace.params import VerifyParams
from wiretrace.shingles import text_shingles
from wiretrace.verify import compare, profile


def _member(stem: str, published_at: datetime | None):
    clean = normalise_text(re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", seed_text(stem)))
    quotes = extract_quotes(clean)
    cited = tuple((a.source, a.kind, a.phrase) for a in find_attributions(clean))
    shingles = frozenset(text_shingles(clean, 3))
    member = Member(stem, "unknown", clean.split("\n")[0], published_at, len(quotes), cited, shingles)
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


_WIRE = [
    f"Sentence {w} of the wire report names the {w} harbour and the {w} council that met on {w} day."
    for w in ("north", "south", "east", "west", "upper", "lower", "inner", "outer", "middle", "far")
]


def _story_member(article_id: str, hours: int, text: str) -> tuple[Member, object]:
    cited = tuple((a.source, a.kind, a.phrase) for a in find_attributions(text))
    published = datetime(2024, 5, 1, hours, tzinfo=UTC)
    member = Member(article_id, f"outlet-{article_id}", "h", published, 0, cited, frozenset(text_shingles(text, 3)))
    return member, profile(article_id, text, [], 3)


def _lineage(texts: dict[str, tuple[int, str]]):
    built = {a: _story_member(a, h, t) for a, (h, t) in texts.items()}
    members = [m for m, _ in built.values()]
    profiles = [p for _, p in built.values()]
    pairs = [compare(x, y, VerifyParams()) for i, x in enumerate(profiles) for y in profiles[i + 1 :]]  # type: ignore[arg-type]
    result = infer_lineage("st", members, [p for p in pairs if p.verified])
    return {e.article_id: e for e in result.edges if e.is_primary}


def test_copies_of_a_hidden_wire_get_the_wire_not_each_other() -> None:
    """Siblings share only the wire's text, which other siblings hold too: each copied the wire."""
    lead = "LONDON (Reuters) - "
    texts = {
        f"copy{i}": (i + 1, lead + " ".join(s for j, s in enumerate(_WIRE) if j != i) + f" Local note {i} added.")
        for i in range(4)
    }
    primary = _lineage(texts)
    assert {primary[a].parent_source for a in texts} == {"Reuters"}
    later = json.loads(primary["copy3"].evidence)
    assert later["exclusive_share"] < 0.05 and later["nearest_article"] in texts


def test_copy_of_a_rewrite_keeps_the_rewrite_as_its_parent() -> None:
    """An outlet that retells the wire in its own words ("..., Reuters reported.") owns its text;
    a later article carrying that text and the outlet's addition copied the outlet."""
    lead = "LONDON (Reuters) - "
    own = "The Daily Clarion adds that the harbour master resigned after the storm damaged the pier last night."
    retold = " ".join(_WIRE[:8]).replace("day.", "day, Reuters reported.", 1)
    texts = {
        "rewrite0": (1, retold + " " + own),
        "copy1": (2, lead + " ".join(_WIRE[1:])),
        "copy2": (3, lead + " ".join(_WIRE[2:])),
        "copy_of_rewrite0": (4, retold.rsplit(" Sentence", 2)[0] + " " + own),
    }
    primary = _lineage(texts)
    assert primary["copy_of_rewrite0"].parent_article_id == "rewrite0"
    assert primary["copy1"].parent_source == "Reuters"


def test_plain_copies_cut_at_the_same_length_are_siblings_not_parent_and_child() -> None:
    """Two copies of the wire cut at the same place share a tail no third copy holds: still siblings."""
    lead = "LONDON (Reuters) - "
    texts = {
        "long0": (1, lead + " ".join(_WIRE[:9])),
        "short1": (2, lead + " ".join(_WIRE[:4])),
        "long2": (3, lead + " ".join(_WIRE[:9])),
    }
    primary = _lineage(texts)
    assert {primary[a].parent_source for a in texts} == {"Reuters"}
    assert json.loads(primary["long2"].evidence)["exclusive_share"] > 0.05


def test_a_child_naming_its_sources_outlet_keeps_it_as_parent() -> None:
    lead = "LONDON (Reuters) - "
    texts = {
        "copy0": (1, lead + " ".join(_WIRE[:8])),
        "copy1": (2, lead + " ".join(_WIRE[1:])),
        "named": (3, " ".join(_WIRE[:7]) + " The details were first reported by Harbour Daily."),
    }
    built = {a: _story_member(a, h, t) for a, (h, t) in texts.items()}
    members = [m for m, _ in built.values()]
    members[0] = replace(members[0], outlet="Harbour Daily")
    profiles = [p for _, p in built.values()]
    pairs = [compare(x, y, VerifyParams()) for i, x in enumerate(profiles) for y in profiles[i + 1 :]]  # type: ignore[arg-type]
    result = infer_lineage("st", members, [p for p in pairs if p.verified])
    primary = {e.article_id: e for e in result.edges if e.is_primary}
    assert primary["named"].parent_article_id == "copy0"


def test_a_contributor_credit_never_names_the_stories_source() -> None:
    lead = "LONDON (AP) - "
    texts = {
        "copy0": (1, lead + " ".join(_WIRE[:8]) + " Reuters contributed to this report."),
        "copy1": (2, " ".join(_WIRE[1:9]) + " Reuters contributed to this report."),
    }
    primary = _lineage(texts)
    assert {primary[a].parent_source for a in texts} == {"AP"}


def test_a_credited_copy_of_a_hidden_wire_is_its_verbatim_copy_and_a_retelling_is_a_rewrite() -> None:
    """The wire's text is never ingested: its dateline and no retelling make a page the wire's copy."""
    texts = {
        "copy0": (1, "LONDON (Reuters) - " + " ".join(_WIRE)),
        "retold1": (2, " ".join(_WIRE[:7]).replace("day.", "day, Reuters reported.", 1)),
    }
    primary = _lineage(texts)
    assert primary["copy0"].parent_source == "Reuters" and primary["copy0"].relation == "verbatim"
    assert json.loads(primary["copy0"].evidence)["relation_basis"].startswith("credits the wire")
    assert primary["retold1"].parent_source == "Reuters" and primary["retold1"].relation == "rewrite"


def test_a_credited_copy_held_by_a_longer_copy_is_an_excerpt_of_the_wire() -> None:
    lead = "LONDON (Reuters) - "
    texts = {
        "long0": (1, lead + " ".join(_WIRE)),
        "short1": (2, lead + " ".join(_WIRE[:5])),
        "long2": (3, lead + " ".join(_WIRE)),
    }
    primary = _lineage(texts)
    assert {primary[a].parent_source for a in texts} == {"Reuters"}
    assert primary["short1"].relation == "excerpt"
    assert json.loads(primary["short1"].evidence)["copy_of"] == "long2"  # ties: the greatest id, in any order
    assert primary["long0"].relation == primary["long2"].relation == "verbatim"


def test_a_wire_relation_does_not_depend_on_the_order_of_the_pairs() -> None:
    lead = "LONDON (Reuters) - "
    texts = {"long0": (1, lead + " ".join(_WIRE)), "short1": (2, lead + " ".join(_WIRE[:5]))}
    texts |= {"long2": (3, lead + " ".join(_WIRE)), "long3": (4, lead + " ".join(_WIRE))}
    built = {a: _story_member(a, h, t) for a, (h, t) in texts.items()}
    child = built["short1"][0]
    profiles = [p for _, p in built.values()]
    pairs = [compare(x, y, VerifyParams()) for i, x in enumerate(profiles) for y in profiles[i + 1 :]]  # type: ignore[arg-type]
    mine = [p for p in pairs if child.article_id in (p.a, p.b)]
    assert len(mine) == 3
    forward, backward = wire_relation(child, "Reuters", mine), wire_relation(child, "Reuters", mine[::-1])
    assert forward == backward == ("excerpt", forward[1]) and forward[1]["copy_of"] == "long3"


def test_a_credited_copy_in_partly_other_words_than_another_member_is_a_rewrite() -> None:
    """Two dated-lined versions of one text with different words: not both are the wire's copy."""
    lead = "LONDON (Reuters) - "
    edited = [s.replace("harbour", "port").replace("council", "assembly") for s in _WIRE]
    texts = {"copy0": (1, lead + " ".join(_WIRE)), "edited1": (2, lead + " ".join(edited))}
    primary = _lineage(texts)
    assert primary["edited1"].parent_source == "Reuters" and primary["edited1"].relation == "rewrite"
    assert json.loads(primary["edited1"].evidence)["edited_version"] == "copy0"
