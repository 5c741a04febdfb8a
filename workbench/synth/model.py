"""Public types of the synthetic corpus: wires, outlets, articles, the corpus and its labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pyarrow as pa

# --------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------

KINDS = ("wire_original", "verbatim", "excerpt", "light", "heavy", "outlet_copy", "same_event", "unrelated")

#: Schema of :meth:`SyntheticCorpus.labels`.
LABELS_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("story_key", pa.string(), nullable=False),
        pa.field("parent_article_id", pa.string()),
        pa.field("parent_source", pa.string()),
        pa.field("kind", pa.string(), nullable=False),
    ]
)

DEFAULT_START = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Wire:
    """A news agency. ``name`` is the outlet name of its originals; ``aliases`` are the
    names derived articles use when citing it."""

    name: str
    host: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Outlet:
    """A publisher. ``header``/``footer`` are its fixed boilerplate paragraphs, added to
    every article it publishes; ``curly_quotes`` selects “typographic” quote marks."""

    name: str
    host: str
    header: tuple[str, ...]
    footer: tuple[str, ...]
    curly_quotes: bool


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article with its ground truth (see the module docstring)."""

    article_id: str
    url: str
    outlet: str
    title: str
    published_at: datetime
    text: str
    story_key: str
    parent_article_id: str | None
    parent_source: str | None
    kind: str

    def record(self) -> dict[str, object]:
        """The input record the pipeline sees: no ground-truth fields."""
        return {
            "id": self.article_id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published_at": self.published_at.isoformat(),
            "text": self.text,
        }


@dataclass(frozen=True)
class SyntheticCorpus:
    """A generated corpus: articles in generation order (story by story)."""

    articles: list[SyntheticArticle]

    def records(self) -> list[dict[str, object]]:
        """Input records (id, url, outlet, title, published_at as ISO string, text)."""
        return [a.record() for a in self.articles]

    def labels(self) -> pa.Table:
        """Ground truth, one row per article, with :data:`LABELS_SCHEMA`."""
        arts = self.articles
        return pa.Table.from_pydict(
            {
                "article_id": [a.article_id for a in arts],
                "story_key": [a.story_key for a in arts],
                "parent_article_id": [a.parent_article_id for a in arts],
                "parent_source": [a.parent_source for a in arts],
                "kind": [a.kind for a in arts],
            },
            schema=LABELS_SCHEMA,
        )
