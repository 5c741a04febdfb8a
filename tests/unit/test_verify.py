"""Verification: narrative overlap verifies, shared quotes alone never do; relation typing."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest

from tests.conftest import SEED_000, SEED_001, seed_text
from wiretrace.normalise import extract_quotes, normalise_text
from wiretrace.params import VerifyParams
from wiretrace.verify import compare, pair_from_row, pairs_table, profile, segments, verify_segment, verify_streamed

PARAMS = VerifyParams()


def _profile(article_id: str, text: str):
    clean = normalise_text(re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", text))
    return profile(article_id, clean, extract_quotes(clean), PARAMS.shingle_size)


def test_seeds_verify_as_rewrite_with_shared_quotes() -> None:
    e = compare(_profile(SEED_000, seed_text(SEED_000)), _profile(SEED_001, seed_text(SEED_001)), PARAMS)
    assert e.verified and e.relation == "rewrite"
    assert len(e.shared_quotes) == 4
    assert any("truce is a path to nowhere" in q for q in e.shared_quotes)
    assert 0.15 < e.jaccard < 0.35  # a rewrite, far below near-duplicate thresholds


QUOTES = (
    '"We will not accept any ceasefire that leaves the occupied territories in foreign hands," the minister said. '
    '"Our partners understand the price of weakness and the cost of delay," she added. '
)


def test_same_event_sharing_only_quotes_is_not_verified() -> None:
    a = _profile(
        "a",
        "KYIV (Reuters) - Ukraine's foreign minister rejected a truce on Tuesday during a visit by European envoys. "
        + QUOTES
        + "The talks in the capital focused on air defence deliveries and winter energy supplies for the grid.",
    )
    b = _profile(
        "b",
        "Speaking at a crowded press conference, the top diplomat ruled out a pause in fighting, AFP reported. "
        + QUOTES
        + "Analysts in Brussels said the remarks signalled a hardening line before next month's summit in Vilnius.",
    )
    e = compare(a, b, PARAMS)
    assert len(e.shared_quotes) == 2
    assert not e.verified and e.relation is None


def test_verbatim_and_excerpt() -> None:
    body = " ".join(
        f"Sentence number {i} reports that the council approved budget line {i * 7} today." for i in range(20)
    )
    full = _profile("full", body)
    copy = _profile("copy", body + " Follow us for more.")
    part = _profile("part", " ".join(body.split(". ")[:6]))
    assert compare(full, copy, PARAMS).relation == "verbatim"
    assert compare(full, part, PARAMS).relation == "excerpt"


def test_compare_is_symmetric() -> None:
    a, b = _profile(SEED_000, seed_text(SEED_000)), _profile(SEED_001, seed_text(SEED_001))
    assert compare(a, b, PARAMS) == compare(b, a, PARAMS)


def test_pairs_round_trip_through_table() -> None:
    e = compare(_profile(SEED_000, seed_text(SEED_000)), _profile(SEED_001, seed_text(SEED_001)), PARAMS)
    assert pair_from_row(pairs_table([e]).to_pylist()[0]) == e


def test_streamed_verification_keeps_exactly_the_pairs_compare_verifies() -> None:
    """Neither the cheap pre-check nor dropping profiles after their last pair loses a pair."""
    from workbench.synth import generate_corpus

    articles = sorted(generate_corpus(25, seed=5).articles, key=lambda a: (a.published_at, a.article_id))
    order = [a.article_id for a in articles]
    profiles = {a.article_id: profile(a.article_id, a.text, [], 3) for a in articles}
    candidates = [(a, b) for i, a in enumerate(order) for b in order[i + 1 : i + 25]]
    params = VerifyParams()
    streamed = [(a.article_id, a.text, ()) for a in articles]
    parts = list(verify_streamed(reversed(candidates), order, streamed, params, chunk=100))
    evidence = (compare(profiles[a], profiles[b], params) for a, b in candidates)
    expected = sorted((e.a, e.b) for e in evidence if e.verified)
    found = sorted((r["a"], r["b"]) for table, _ in parts for r in table.to_pylist())
    assert sum(n for _, n in parts) == len(candidates) and len(parts) > 1
    assert expected and found == expected


def test_streamed_verification_names_an_article_without_text() -> None:
    articles = [("a", "One two three four five six.", ()), ("b", "One two three four five six.", ())]
    with pytest.raises(ValueError, match="'c' has no text"):
        list(verify_streamed([("a", "c")], ["a", "b", "c"], articles, VerifyParams()))
    with pytest.raises(ValueError, match="'z' has no text"):
        list(verify_streamed([("a", "z")], ["a", "b"], articles, VerifyParams()))


def test_a_shared_republishing_credit_does_not_verify_a_pair() -> None:
    """Outlets that republish Metro Dispatch end every such story with the same credit line;
    two different stories sharing it (and nothing else) are not one story."""
    credit = "The report was first carried by Metro Dispatch."
    a = (
        "Flood waters rose across the northern valley on Tuesday, forcing hundreds of farmers to move "
        "their herds to higher ground. Engineers inspected two bridges overnight. " + credit
    )
    b = (
        "The central bank held its main interest rate steady, citing slowing inflation and weak retail "
        "sales in the second quarter. Markets barely moved after the decision. " + credit
    )
    evidence = compare(_profile("a", a), _profile("b", b), PARAMS)
    assert not evidence.verified
    assert evidence.shared_narrative == 0
    with_credit = compare(_profile("a", a), _profile("a2", a.replace(credit, "")), PARAMS)
    assert with_credit.verified  # the narrative itself still verifies


def test_segments_verified_apart_give_the_pairs_of_one_stream() -> None:
    params = VerifyParams()
    texts = {
        f"s{i}": f"Officials in region {i % 4} said on Monday that the bridge over the river would reopen. "
        f"The repairs cost {i % 4} million. Traffic had been diverted for weeks, residents said."
        for i in range(12)
    }
    order = sorted(texts)
    candidates = [(a, b) for i, a in enumerate(order) for b in order[i + 1 : i + 4]]
    articles = [(a, texts[a], ()) for a in order]
    whole = pa.concat_tables([part for part, _ in verify_streamed(candidates, order, articles, params, chunk=4)])
    cut = segments(candidates, order, 7)
    assert [len(pairs) for pairs, _ in cut] == [7, 7, 7, 7, 2]
    for pairs, ids in cut:  # each segment reads only its own articles, in the given order
        assert ids == sorted({a for pair in pairs for a in pair}, key=order.index)
    parts = [verify_segment(pairs, ids, [(a, texts[a], ()) for a in ids], params) for pairs, ids in cut]
    assert sum(n for _, n in parts) == len(candidates)
    together = pa.concat_tables([part for part, _ in parts])
    assert whole.num_rows > 0
    assert sorted(together.to_pylist(), key=str) == sorted(whole.to_pylist(), key=str)


def test_same_event_sharing_one_stock_sentence_is_not_verified() -> None:
    # Two independent reports of one event: each has its own wording, but both carry the wire's
    # stock background sentence verbatim. One shared sentence is background, not a copied story.
    stock = "The benchmark rate, which affects many consumer and business loans, is at its highest level in years. "
    a = _profile(
        "a",
        "The central bank raised its key rate by half a point on Wednesday in a unanimous decision. "
        + stock
        + "Officials signalled two more increases before the end of the year as prices kept climbing. "
        + "Markets rallied after the announcement, with bank shares leading the gains in late trading.",
    )
    b = _profile(
        "b",
        "Policymakers lifted borrowing costs again this week, the fourth rise since the spring meeting. "
        + stock
        + "Several governors warned that unemployment could rise sharply if the tightening went too far. "
        + "Economists polled beforehand had expected a smaller step given the slowing housing market.",
    )
    e = compare(a, b, PARAMS)
    assert e.narrative_containment_ab >= PARAMS.narrative_containment  # enough overlap for the old rule
    assert not e.verified


def test_rewrite_keeping_wording_in_several_sentences_is_verified() -> None:
    source = (
        "The central bank raised its key rate by half a point on Wednesday in a unanimous decision. "
        "Officials signalled two more increases before the end of the year as prices kept climbing. "
        "Markets rallied after the announcement, with bank shares leading the gains in late trading. "
        "The governor will testify before lawmakers next Tuesday about the outlook for inflation."
    )
    rewrite = (
        "On Wednesday the central bank raised its key rate by half a point in a unanimous decision. "
        "Officials signalled two more increases before the end of the year, citing rising prices. "
        "Shares of lenders led a rally in late trading. "
        "Lawmakers will hear the governor next Tuesday."
    )
    e = compare(_profile("s", source), _profile("r", rewrite), PARAMS)
    assert e.verified


def test_chinese_sentences_split_at_full_stops_and_quotes_in_corner_brackets_are_quotes() -> None:
    from wiretrace.verify import sentences

    assert sentences("今天返回器准确着陆。任务取得圆满成功。他说「很好。」然后离开。") == [
        "今天返回器准确着陆。",
        "任务取得圆满成功。",
        "他说「很好。」然后离开。",
    ]
    p = profile("zh", "他说「我们准备好了，随时可以开始工作。」然后离开了会场。", [], 3)
    assert not any("准" in words for words in p.sentences)  # the quoted words are not narrative


def test_chinese_wording_runs_are_twice_as_many_characters() -> None:
    # A Chinese token is one character, about half a word: a verbatim run is 12 of them, not 6.
    a = profile("a", "嫦娥六号返回器着陆在内蒙古预定区域。科学家今天开始分析月球样品。", [], 3)
    assert all(len(r.split()) == 12 for runs in a.sentence_runs for r in runs)


def test_two_worded_fragments_and_nothing_else_is_not_a_story_three_are() -> None:
    # Ten sentences each; b repeats a's stock phrases inside its own sentences (not whole sentences).
    own_a = [f"Officials in district {w} reviewed the {w} budget plan on the second day." for w in "ABCDEFGHIJ"]
    own_b = [f"Residents of region {w} protested against the {w} tax increase outside city hall." for w in "KLMNOPQRST"]
    stock = [
        "which affects many consumer and business loans",
        "the first Jesuit to lead the Catholic Church",
        "the highest level since the financial crisis began",
    ]

    def text(own: list[str], n_stock: int, lead: str) -> str:
        sentences = [s.replace(".", f", {lead} {stock[i]}.") if i < n_stock else s for i, s in enumerate(own)]
        return " ".join(sentences)

    two = compare(_profile("a", text(own_a, 2, "noting")), _profile("b", text(own_b, 2, "recalling")), PARAMS)
    assert not two.verified
    three = compare(_profile("a", text(own_a, 3, "noting")), _profile("b", text(own_b, 3, "recalling")), PARAMS)
    assert three.verified
