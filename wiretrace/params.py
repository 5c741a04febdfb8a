"""Pinned parameters of the pipeline, in frozen values with a stable id.

Signatures and band keys are stored with the id of the :class:`SignatureParams` that made
them; signatures with different ids are never compared (a different seed, scheme, number
of permutations, shingle size or tokeniser gives values that are not comparable).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from wiretrace.ids import params_id


@dataclass(frozen=True)
class SignatureParams:
    """MinHash and banding parameters.

    Defaults are chosen for *rewrite* detection, not near-duplicate detection: a rewrite
    keeps only 5–30 % of its source's word 3-shingles (Jaccard 0.02–0.2), so a band is a
    single MinHash value (``rows=1``) and ``min_shared_bands`` shared bands propose a candidate pair. Precision
    comes from verification; buckets larger than ``max_bucket`` (shared boilerplate, stock
    phrases) are ignored so the candidate count stays near-linear.

    Note:
        ``scheme`` is datasketch 2.0's ``affine32`` (32-bit values). Signatures made with
        datasketch 1.x, another seed or another shingle size are not comparable.
        ``tokenizer`` names :func:`wiretrace.shingles.tokens`: ``"word+cjk-char"`` is
        lower-cased ``\\w+`` words with each Chinese or Japanese character a token of its own.
        Signatures made before it existed (plain ``\\w+`` words, an id without this field)
        differ on every text holding a CJK character, so it is part of ``params_id``; the
        signature stage refuses a value other than the current tokeniser's.
    """

    num_perm: int = 128
    seed: int = 1
    scheme: str = "affine32"
    hash_function: str = "xxh32"
    shingle_size: int = 3
    tokenizer: str = "word+cjk-char"
    bands: int = 128
    rows: int = 1
    max_bucket: int = 64
    #: a pair is a candidate when it shares at least this many band keys (one shared MinHash
    #: value is mostly a stock phrase: on 10k synthetic articles it proposed 697k pairs, 7 true)
    min_shared_bands: int = 2

    def __post_init__(self) -> None:
        if self.num_perm <= 0 or self.shingle_size <= 0 or self.bands <= 0 or self.rows <= 0:
            raise ValueError("num_perm, shingle_size, bands and rows must be positive")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"bands*rows = {self.bands * self.rows} exceeds num_perm = {self.num_perm}: "
                "lower bands or rows, or raise num_perm"
            )
        if not 1 <= self.min_shared_bands <= self.bands:
            raise ValueError(f"min_shared_bands must be within 1..bands ({self.bands}), got {self.min_shared_bands}")
        if self.max_bucket < 2:
            raise ValueError("max_bucket must be at least 2 (a bucket of one article proposes nothing)")

    @property
    def params_id(self) -> str:
        """Stable 12-hex id of the parameters that decide signature values and band keys.

        ``max_bucket`` and ``min_shared_bands`` only steer candidate search, so changing them
        keeps stored signatures comparable (they are recorded with each run's parameters)."""
        values = asdict(self)
        del values["max_bucket"], values["min_shared_bands"]
        return params_id(values)


@dataclass(frozen=True)
class VerifyParams:
    """Thresholds that turn a candidate pair into a verified, typed pair.

    All similarities are on word 3-shingles of cleaned text. *Narrative* text is the text
    outside direct quotations: shared quotes alone never verify a pair (two agencies at one
    press conference share the quote, not the story).
    """

    shingle_size: int = 3
    #: containment of the smaller narrative in the other that verifies a pair on its own
    narrative_containment: float = 0.12
    #: lower containment that verifies when enough sentences align too
    weak_narrative_containment: float = 0.08
    aligned_share: float = 0.10
    #: a sentence aligns with another when their content-word Jaccard reaches this
    sentence_match: float = 0.4
    #: at least this many narrative shingles must be shared (tiny texts prove nothing)
    min_shared_shingles: int = 4
    #: each article must have this many narrative sentences (or all it has, if fewer) that share
    #: a verbatim run of ``wording_run`` words with the other. Real reports of one event share a
    #: background paragraph, a statement or names in one place; copies and rewrites keep their
    #: source's wording in several (measured on the real-news dev sets, BENCHMARKS.md)
    min_worded_sentences: int = 2
    wording_run: int = 6
    #: A pair with exactly ``min_worded_sentences`` worded sentences needs one more sign: this many
    #: aligned sentences, or narrative containment of ``strong_narrative_containment``, or
    #: ``strong_worded_share`` of the shorter article's sentences worded. Two reports of one event
    #: by one agency share fragments of its stock background in two places and little else.
    min_aligned_sentences: int = 2
    strong_narrative_containment: float = 0.3
    strong_worded_share: float = 0.25
    #: relation typing on all text
    verbatim_jaccard: float = 0.8
    excerpt_containment: float = 0.8
    #: candidate pairs further apart in time than this are not compared (days; None = no limit)
    time_window_days: float | None = 14.0

    def __post_init__(self) -> None:
        shares = (
            "narrative_containment",
            "weak_narrative_containment",
            "aligned_share",
            "sentence_match",
            "strong_narrative_containment",
            "strong_worded_share",
            "verbatim_jaccard",
            "excerpt_containment",
        )
        for name in shares:
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} is a share, within 0..1, got {getattr(self, name)}")
        for name in ("shingle_size", "min_shared_shingles", "min_worded_sentences", "min_aligned_sentences"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.wording_run < 2:
            raise ValueError(f"wording_run must be at least 2 words, got {self.wording_run}")
        if self.time_window_days is not None and self.time_window_days <= 0:
            raise ValueError(f"time_window_days must be positive (or none), got {self.time_window_days}")


@dataclass(frozen=True)
class PipelineParams:
    """Everything that decides a run's output; stored with every run."""

    signature: SignatureParams = field(default_factory=SignatureParams)
    verify: VerifyParams = field(default_factory=VerifyParams)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass(frozen=True)
class FetchParams:
    """How feeds and pages are fetched: politely, with bounded time and size.

    Times are seconds, sizes bytes. A request is retried only on transient failures (connect
    errors, timeouts, HTTP 408/429/5xx), at most ``retries`` times, waiting ``backoff * 2**n``
    or the server's ``Retry-After`` when that is at most ``max_retry_after`` (a longer one
    ends the attempt). Requests to one host start at least ``host_interval`` apart.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    #: a whole response (all retries excluded) may take at most this long, even when bytes trickle in
    max_seconds: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 30.0
    host_interval: float = 1.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    #: an entry whose page failed transiently is retried on this many polls before it is given up
    max_entry_attempts: int = 3
    user_agent: str = "wiretrace/0.1 (news lineage research; polite fetcher)"

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "max_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.retries < 0 or self.backoff < 0 or self.max_retry_after < 0 or self.host_interval < 0:
            raise ValueError("retries, backoff, max_retry_after and host_interval must not be negative")
        if self.max_bytes <= 0 or self.max_redirects < 0 or self.max_entry_attempts < 1:
            raise ValueError("max_bytes and max_entry_attempts must be positive, max_redirects not negative")
