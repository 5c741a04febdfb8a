"""Tokens: lower-cased ``\\w+`` words, except that each Chinese or Japanese character is a token."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.shingles import is_single_char_token, shingles, text_shingles, tokens

#: The blocks whose word characters are tokens on their own (as documented in wiretrace.shingles).
CJK_BLOCKS = [
    (0x3000, 0x312F),  # CJK symbols and punctuation, Hiragana, Katakana, Bopomofo
    (0x3190, 0x31FF),  # Kanbun, Bopomofo Extended, CJK Strokes, Katakana Phonetic Extensions
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFF66, 0xFF9F),  # halfwidth Katakana
    (0x1B000, 0x1B16F),  # Kana Supplement, Kana Extended-A, Small Kana Extension
    (0x20000, 0x3FFFF),  # planes 2 and 3: CJK Extensions B-H, Compatibility Supplement
]


def in_cjk_block(char: str) -> bool:
    return any(lo <= ord(char) <= hi for lo, hi in CJK_BLOCKS)


def old_tokens(text: str) -> list[str]:
    """The tokeniser before CJK characters were split: the reference for every other script."""
    return re.findall(r"\w+", text.lower())


def test_latin_text_tokenises_as_before() -> None:
    assert tokens("Lavrov said: “A truce,” — he said.") == ["lavrov", "said", "a", "truce", "he", "said"]


def test_each_chinese_or_japanese_character_is_a_token() -> None:
    assert tokens("今天天气很好。") == ["今", "天", "天", "气", "很", "好"]
    assert tokens("東京でAIを使う") == ["東", "京", "で", "ai", "を", "使", "う"]
    # Katakana with the prolonged sound mark, the iteration mark, halfwidth Katakana
    assert tokens("コーヒー、人々、ｶﾀｶﾅ") == ["コ", "ー", "ヒ", "ー", "人", "々", "ｶ", "ﾀ", "ｶ", "ﾅ"]
    # an ideograph outside the BMP (Extension B); the Katakana middle dot separates
    assert tokens("𠀀字・ジョン") == ["𠀀", "字", "ジ", "ョ", "ン"]


def test_mixed_text_splits_where_the_script_changes() -> None:
    assert tokens("2024年6月25日") == ["2024", "年", "6", "月", "25", "日"]
    assert tokens("据CNN报道,GDP增长5.2%") == ["据", "cnn", "报", "道", "gdp", "增", "长", "5", "2"]


def test_korean_and_fullwidth_latin_keep_word_tokens() -> None:
    assert tokens("서울 시민들은 말했다") == ["서울", "시민들은", "말했다"]
    assert tokens("ＡＢＣ１２３ 中") == ["ａｂｃ１２３", "中"]


def test_cjk_shingles_are_character_ngrams() -> None:
    assert text_shingles("今天天气很好", 3) == {"今 天 天", "天 天 气", "天 气 很", "气 很 好"}
    assert text_shingles("你好", 3) == {"你 好"}
    assert shingles(tokens("。、「」"), 3) == set()


def test_two_versions_of_one_chinese_report_share_shingles() -> None:
    """Under ``\\w+`` words each clause is one token: a clause edited anywhere shares nothing."""
    a = "市气象台今天发布消息，本周末全市大部分地区将出现降雨，气温明显下降，请市民注意出行安全。"
    b = "据市气象台消息，本周末全市大部分地区将有降雨，气温明显下降，提醒市民注意出行安全。"
    new_a, new_b = text_shingles(a, 3), text_shingles(b, 3)
    assert len(new_a & new_b) / min(len(new_a), len(new_b)) > 0.7
    assert not shingles(old_tokens(a), 3) & shingles(old_tokens(b), 3)


def test_single_char_tokens_are_the_word_characters_of_the_cjk_blocks() -> None:
    assert is_single_char_token("中") and is_single_char_token("の") and is_single_char_token("ー")
    assert not is_single_char_token("、") and not is_single_char_token("・")  # punctuation
    assert not is_single_char_token("한") and not is_single_char_token("a")
    for cp in range(sys.maxunicode + 1):
        char = chr(cp)
        if is_single_char_token(char):
            assert in_cjk_block(char) and re.fullmatch(r"\w", char), hex(cp)


def test_every_code_point_outside_the_cjk_blocks_tokenises_as_before() -> None:
    """Each such code point between letters and digits, 512 per text: all of Unicode."""
    points = [cp for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp < 0xE000 and not in_cjk_block(chr(cp))]
    for i in range(0, len(points), 512):
        text = "".join(f"q{chr(cp)}Z{cp % 7}{chr(cp)} " for cp in points[i : i + 512])
        assert tokens(text) == old_tokens(text), hex(points[i])


_NOT_CJK = st.characters(exclude_categories=["Cs"]).filter(lambda c: not in_cjk_block(c))
_SCRIPTS = st.sampled_from(
    [
        "abcXYZ_09 ",
        "àéîõüßÆøĀłŒİıẞȺ ",
        "ΑλΩΣσςΟΔΥΣ ",
        "ЖжЯёЁщ ",
        "한국어 문장 ",
        "عربي ",
        "हिन्दी ",
        ".,;:!?—“”«»'\"()\n\t\u00a0",
        "😀𝔄٣",
    ]
).flatmap(lambda alphabet: st.text(alphabet=alphabet, max_size=40))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=_NOT_CJK, max_size=80), _SCRIPTS), max_size=6).map("".join))
def test_non_cjk_text_tokenises_as_before(text: str) -> None:
    assert tokens(text) == old_tokens(text)


_CJK_MIX = st.text(alphabet="中文字東京の々ーｶ𠀀。、・「」 ,.aZ9ȺΣİ한", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_CJK_MIX)
def test_cjk_characters_are_tokens_and_the_rest_is_words(text: str) -> None:
    """Replacing each CJK character by a separated word gives the old tokens, CJK characters included."""
    # lower-cased first: the spaces would change the lower case of a final sigma ("Z々Σ" is "z々ς")
    spaced = "".join(f" {c} " if is_single_char_token(c) else c for c in text.lower())
    assert tokens(text) == old_tokens(spaced) == tokens(spaced)
