"""The compiled signature path gives exactly datasketch's values (the reference)."""

from __future__ import annotations

import hashlib
import random
import re
import string
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pytest
import xxhash
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_000, SEED_001, seed_text
from wiretrace.fastminhash import GIVE_UP, _xxh32
from wiretrace.params import SignatureParams
from wiretrace.shingles import shingles, text_shingles
from wiretrace.signatures import _kernel, band_keys, compute_signatures, iter_signatures, minhash_of, sign_arrow

PARAMS = SignatureParams()


def assert_matches_reference(texts: list[str], params: SignatureParams = PARAMS) -> None:
    table = compute_signatures([f"t{i}" for i in range(len(texts))], texts, params)
    assert table.num_rows == len(texts)
    for row, text in zip(table.to_pylist(), texts, strict=True):
        shingles = text_shingles(text, params.shingle_size)
        assert row["minhash"] == minhash_of(shingles, params).hashvalues.tolist(), repr(text)
        assert row["n_shingles"] == len(shingles), repr(text)


# Words from letters the kernel handles itself (ASCII, Latin-1, Greek, Cyrillic, Hangul, and
# CJK characters, each a token), letters it hands to Python (İ, Σ, ẞ, astral, CJK Extension B),
# digits, underscores and punctuation (CJK punctuation too).
_LETTERS = string.ascii_letters + "ÀÉÎõüßÆøĀłŒΣσςİıΑλΩЖжЯё한국中文字東京のカー々ｶﾞẞȺ😀𝔄𠀀_0123456789٣"
_SEPARATORS = [
    " ",
    "  ",
    ", ",
    ". ",
    "\n",
    "\t",
    "—",
    " “",
    "” ",
    "'",
    "-",
    "…",
    "\u00a0",
    "!?",
    "。",
    "、",
    "・",
    "「",
]
_words = st.text(alphabet=_LETTERS, min_size=1, max_size=8)
_mixed = st.lists(st.tuples(_words, st.sampled_from(_SEPARATORS)), max_size=40).map(
    lambda parts: "".join(w + sep for w, sep in parts)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_mixed, st.text(max_size=120), st.sampled_from(["", " ", "a", "a b", "Ab, AB"])), max_size=6))
def test_fast_path_equals_datasketch_on_random_texts(texts: list[str]) -> None:
    assert_matches_reference(texts)


@settings(max_examples=50, deadline=None)
@given(st.lists(_mixed, min_size=1, max_size=4), st.integers(1, 5), st.integers(1, 64), st.integers(0, 2**32 - 1))
def test_fast_path_equals_datasketch_for_other_parameters(texts: list[str], k: int, perms: int, seed: int) -> None:
    assert_matches_reference(
        texts, SignatureParams(num_perm=perms, seed=seed, shingle_size=k, bands=1, min_shared_bands=1)
    )


def test_fast_path_equals_datasketch_on_the_seeds() -> None:
    assert_matches_reference([seed_text(SEED_000), seed_text(SEED_001)])


def test_every_bmp_code_point_tokenises_like_python() -> None:
    """Each code point between two ASCII letters, 512 code points per text: all of the BMP."""
    points = [cp for cp in range(0x10000) if not 0xD800 <= cp < 0xE000]
    texts = ["".join(f"q{chr(cp)}Z{cp % 7} " for cp in points[i : i + 512]) for i in range(0, len(points), 512)]
    assert_matches_reference(texts)


def test_cjk_texts_are_tokenised_by_the_kernel_itself() -> None:
    """One token per CJK character in the kernel: no Python fallback, the output buffer suffices.

    "Ⱥ中" is the output's worst case: ``ⱥ`` is one byte longer than ``Ⱥ`` and the ideograph
    ends a word and is followed by a space (5 bytes in, 8 out).
    """
    texts = [
        "今天天气很好，明天下雨。",
        "2024年6月25日，東京でAIを使うコーヒー。",
        "Ⱥ中" * 500,
        "a中" * 500,
        "中" * 1000,
        "ȺȺ中 " * 300,
        "中a" * 7 + "z",
    ]
    assert_matches_reference(texts)
    with ThreadPoolExecutor(1) as pool:
        _, counts = _kernel(PARAMS).sign(pa.array(texts, pa.string()), False, pool, 1)
    assert GIVE_UP not in counts.tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="中文字東京のカー々ｶﾞ。、・ aZ9ȺɐΣ한𠀀", max_size=200), min_size=1, max_size=4))
def test_fast_path_equals_datasketch_on_cjk_texts(texts: list[str]) -> None:
    assert_matches_reference(texts)


#: Texts in scripts without CJK characters, and the SHA-256 of their signatures made by the
#: ``\w+`` tokeniser before CJK characters became tokens: those signatures must not change.
_NON_CJK = [
    "The minister said on Tuesday that talks would resume in Geneva next week.",
    "Le ministre a déclaré mardi que les négociations reprendraient à Genève.",
    "Die Straße in Köln bleibt wegen GROSSER Schäden gesperrt; ẞ und ß.",
    "İstanbul'da IŞIK ve ışık: Türkçe büyük harfler.",
    "ΟΔΥΣΣΕΑΣ και η Πηνελόπη· ΣΟΦΙΑ σοφία.",
    "Министр заявил во вторник, что переговоры возобновятся в Женеве.",
    "قال الوزير يوم الثلاثاء إن المحادثات ستستأنف",
    "मंत्री ने मंगलवार को कहा कि वार्ता फिर से शुरू होगी",
    "장관은 화요일 제네바에서 회담이 재개될 것이라고 말했다",
    "Emoji 😀 and math 𝔄𝔅 letters, x_1 = 42, ٣ digits, Ⱥ and ȿ.",
]
_NON_CJK_DIGEST = "7a3d088f4b3b43640c621c0b2682654ad45b6525c31acbeb8243446dc987929a"


def test_signatures_of_non_cjk_texts_are_unchanged() -> None:
    texts = [*_NON_CJK, seed_text(SEED_000), seed_text(SEED_001)]
    table = compute_signatures([str(i) for i in range(len(texts))], texts, PARAMS)
    values = np.asarray(table.column("minhash").combine_chunks().flatten().to_numpy(), dtype="<u4")
    counts = np.asarray(table.column("n_shingles").to_numpy(), dtype="<i4")
    assert hashlib.sha256(values.tobytes() + counts.tobytes()).hexdigest() == _NON_CJK_DIGEST


_NOT_CJK = st.characters(exclude_categories=["Cs"]).filter(lambda c: not re.match(r"[\u3000-\u9fff\uf900-\uffff]", c))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_mixed, st.text(alphabet=_NOT_CJK, max_size=120)), min_size=1, max_size=4))
def test_non_cjk_signatures_are_those_of_plain_words(texts: list[str]) -> None:
    """Without CJK characters the signature is the MinHash of ``re.findall(r"\\w+", text.lower())``'s shingles."""
    texts = [t for t in texts if not re.search(r"[\u3000-\u9fff\uf900-\uffff\U0001b000-\U0003ffff]", t)]
    table = compute_signatures([f"t{i}" for i in range(len(texts))], texts, PARAMS)
    for row, text in zip(table.to_pylist(), texts, strict=True):
        words = shingles(re.findall(r"\w+", text.lower()), PARAMS.shingle_size)
        assert row["minhash"] == minhash_of(words, PARAMS).hashvalues.tolist(), repr(text)


def test_distinct_shingles_with_equal_hashes_are_counted_apart() -> None:
    """Two different 3-shingles with the same xxh32: the kernel's dedup compares bytes."""
    rng = random.Random(5)
    seen: dict[int, str] = {}
    while True:
        shingle = " ".join("".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(3))
        h = xxhash.xxh32_intdigest(shingle.encode())
        if h in seen and seen[h] != shingle:
            break
        seen[h] = shingle
    text = f"{seen[h]}. {shingle}! {seen[h]}"  # 7 shingles, one repeated
    assert {seen[h], shingle} < text_shingles(text, 3)
    assert len(text_shingles(text, 3)) == 6
    assert_matches_reference([text])


def test_xxh32_kernel_equals_xxhash() -> None:
    rng = np.random.default_rng(2)
    data = rng.integers(0, 256, size=4096, dtype=np.uint8)
    raw = data.tobytes()
    for start, length in [(0, 0), (3, 1), (5, 15), (7, 16), (1, 17), (0, 33), (9, 100), (0, 4096)]:
        assert _xxh32(data, np.uint64(start), np.uint64(start + length)) == xxhash.xxh32_intdigest(
            raw[start : start + length]
        )


def test_batches_and_threads_do_not_change_values() -> None:
    rng = random.Random(1)
    words = ["alpha", "Beta", "gamma", "délta", "ΣΟΦΙΑ", "İzmir", "x_1", "42"]
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 60))) for _ in range(50)]
    ids = [f"a{i}" for i in range(50)]
    whole = compute_signatures(ids, texts, PARAMS)
    batches = list(iter_signatures(iter(ids), iter(texts), PARAMS, batch_size=7, threads=3))
    assert [b.num_rows for b in batches] == [7] * 7 + [1]
    assert pa.concat_tables(batches).equals(whole)
    (single,) = iter_signatures(ids, texts, PARAMS, threads=1)
    assert single.equals(whole)


def test_arrow_texts_are_signed_in_place_whatever_their_layout() -> None:
    rng = random.Random(2)
    words = ["wire", "Report", "ΣΟΦΙΑ", "İzmir", "naïve", "中文", "x_1", "“quoted”"]
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 40))) for _ in range(30)]
    ids = [f"a{i}" for i in range(30)]
    expected = compute_signatures(ids[5:25], texts[5:25], PARAMS)
    whole = pa.array(texts, pa.string())
    layouts = {
        "slice with an offset": whole.slice(5, 20),
        "large_string": pa.array(texts[5:25], pa.large_string()),
        "string_view": pa.array(texts[5:25], pa.string_view()),
        "chunked": pa.chunked_array([pa.array(texts[5:12]), pa.array(texts[12:25])]),
    }
    for layout, array in layouts.items():
        for threads in (1, 3):
            table = sign_arrow(pa.array(ids).slice(5, 20), array, PARAMS, threads=threads)
            assert table.equals(expected), layout


def test_arrow_batches_with_bad_texts_are_named() -> None:
    with pytest.raises(TypeError, match=r"article 'b': text must be a string, not null"):
        sign_arrow(pa.array(["a", "b"]), pa.array(["ok", None]), PARAMS)
    with pytest.raises(ValueError, match="2 article ids for 1 texts"):
        sign_arrow(pa.array(["a", "b"]), pa.array(["ok"]), PARAMS)
    # Arrow arrays built from raw buffers are not checked on construction: b's bytes are not UTF-8.
    offsets = pa.py_buffer(np.array([0, 2, 4], dtype=np.int32).tobytes())
    broken = pa.Array.from_buffers(pa.string(), 2, [None, offsets, pa.py_buffer(b"ok\xff\xfe")])
    with pytest.raises(ValueError, match=r"article 'b': text is not valid UTF-8"):
        sign_arrow(pa.array(["a", "b"]), broken, PARAMS)


def test_no_texts_give_an_empty_table() -> None:
    table = compute_signatures([], [], PARAMS)
    assert table.num_rows == 0
    assert band_keys(table, PARAMS).num_rows == 0
    assert sign_arrow(pa.array([], pa.string()), pa.array([], pa.string()), PARAMS).equals(table)


def test_bad_records_are_named() -> None:
    with pytest.raises(TypeError, match=r"article 'b'.*not NoneType"):
        compute_signatures(["a", "b"], ["ok", None], PARAMS)  # type: ignore[list-item]
    with pytest.raises(ValueError, match=r"article 'c'.*not valid Unicode"):
        compute_signatures(["c"], ["lone \ud800 surrogate"], PARAMS)
    with pytest.raises(ValueError, match="affine64"):
        compute_signatures(["a"], ["text"], SignatureParams(scheme="affine64"))


def test_band_keys_are_the_signature_values_article_major() -> None:
    texts = ["one two three four five", "", "six seven eight nine"]
    table = compute_signatures(["a", "empty", "b"], texts, PARAMS)
    keys = band_keys(table, PARAMS)
    assert keys.column("article_id").to_pylist() == ["a"] * PARAMS.bands + ["b"] * PARAMS.bands
    assert keys.column("band").to_pylist() == list(range(PARAMS.bands)) * 2
    signature = table.column("minhash").to_pylist()
    assert keys.column("key").to_pylist() == signature[0] + signature[2]
    assert set(keys.column("params_id").to_pylist()) == {PARAMS.params_id}
