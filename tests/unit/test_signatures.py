"""Signatures are datasketch's, deterministic, and estimate Jaccard within tolerance."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.params import SignatureParams
from wiretrace.shingles import TOKENIZER, shingles, text_shingles, tokens
from wiretrace.signatures import band_keys, compute_signatures, minhash_of

PARAMS = SignatureParams()


def _random_text(rng: random.Random, n: int) -> str:
    vocabulary = [f"w{i}" for i in range(400)]
    return " ".join(rng.choice(vocabulary) for _ in range(n))


def test_signature_equals_datasketch_reference() -> None:
    rng = random.Random(3)
    texts = [_random_text(rng, rng.randint(5, 300)) for _ in range(20)]
    table = compute_signatures([f"a{i}" for i in range(20)], texts, PARAMS)
    for row, text in zip(table.to_pylist(), texts, strict=True):
        reference = minhash_of(text_shingles(text, PARAMS.shingle_size), PARAMS).hashvalues
        assert row["minhash"] == reference.tolist()
        assert row["params_id"] == PARAMS.params_id


def test_estimate_close_to_true_jaccard() -> None:
    rng = random.Random(11)
    errors = []
    for _ in range(30):
        base = _random_text(rng, 400).split()
        other = base[: rng.randint(50, 400)] + _random_text(rng, rng.randint(0, 300)).split()
        sa, sb = shingles(base, 3), shingles(other, 3)
        true = len(sa & sb) / len(sa | sb)
        estimate = minhash_of(sa, PARAMS).jaccard(minhash_of(sb, PARAMS))
        errors.append(abs(true - estimate))
    # 128 permutations: standard error <= 0.045; the mean error must be well inside it.
    assert float(np.mean(errors)) < 0.04
    assert max(errors) < 0.15


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=0, max_size=200))
def test_signatures_deterministic(text: str) -> None:
    first = compute_signatures(["x"], [text], PARAMS).to_pylist()
    second = compute_signatures(["x"], [text], PARAMS).to_pylist()
    assert first == second
    assert first[0]["n_shingles"] == len(text_shingles(text, 3))


def test_band_keys_one_per_band_and_none_for_empty_text() -> None:
    table = compute_signatures(["a", "b", "empty"], ["one two three four", "one two three five", "  "], PARAMS)
    keys = band_keys(table, PARAMS)
    assert keys.num_rows == 2 * PARAMS.bands
    assert "empty" not in set(keys.column("article_id").to_pylist())
    by_article: dict[str, dict[int, int]] = {}
    for row in keys.to_pylist():
        by_article.setdefault(row["article_id"], {})[row["band"]] = row["key"]
    shared = sum(by_article["a"][b] == by_article["b"][b] for b in range(PARAMS.bands))
    # Jaccard of the shingle sets is 1/3: about a third of single-row bands agree.
    assert 20 <= shared <= 70


def test_band_keys_with_several_rows() -> None:
    params = SignatureParams(bands=32, rows=4)
    table = compute_signatures(["a", "b"], ["same text here ok", "same text here ok"], params)
    keys = band_keys(table, params).to_pylist()
    assert len(keys) == 64
    assert [k["key"] for k in keys[:32]] == [k["key"] for k in keys[32:]]


def test_tokens_ignore_case_and_punctuation() -> None:
    assert tokens("Lavrov said: “A truce,” — he said.") == ["lavrov", "said", "a", "truce", "he", "said"]


def test_params_id_covers_what_decides_signature_values_only() -> None:
    base = SignatureParams()
    assert SignatureParams(max_bucket=32, min_shared_bands=3).params_id == base.params_id
    assert SignatureParams(seed=2).params_id != base.params_id
    assert SignatureParams(shingle_size=4).params_id != base.params_id
    assert SignatureParams(tokenizer="word").params_id != base.params_id


def test_signatures_name_the_tokenizer_that_made_them() -> None:
    """Signatures of the ``\\w+`` tokeniser (before CJK characters were tokens) are not comparable."""
    assert PARAMS.tokenizer == TOKENIZER == "word+cjk-char"
    assert PARAMS.params_id != "daffa4d26e01"  # the id of the same parameters without a tokenizer field
    with pytest.raises(ValueError, match="tokenizer 'word\\+cjk-char'"):
        compute_signatures(["a"], ["text"], SignatureParams(tokenizer="word"))


def test_chinese_copies_get_close_signatures() -> None:
    """Two versions of one Chinese report: each character is a token, so their signatures agree often."""
    a = "市气象台今天发布消息，本周末全市大部分地区将出现降雨，气温明显下降，请市民注意出行安全。"
    b = "据市气象台消息，本周末全市大部分地区将有降雨，气温明显下降，提醒市民注意出行安全。"
    rows = compute_signatures(["a", "b"], [a, b], PARAMS).to_pylist()
    agree = sum(x == y for x, y in zip(rows[0]["minhash"], rows[1]["minhash"], strict=True))
    assert agree >= 0.35 * PARAMS.num_perm  # shingle Jaccard 0.5
