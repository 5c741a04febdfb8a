"""Labelled corpora for evaluation: the Clough–Stevenson corpus, real news, and synthetic news.

Labelled text from outside the project stays outside it: the Clough–Stevenson files are
read from ``$WIRETRACE_DATA_DIR/clough-stevenson`` (default ``../shared/data``).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wiretrace.errors import InputError
from workbench.scores import NewsLabel

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

#: Dates of the dated Clough–Stevenson protocol. The corpus files carry no dates, but their
#: order is known by construction: participants wrote every answer from a source text they
#: were given, so each source was published before every answer. These dates say only that;
#: nothing about which source an answer used, or how.
SOURCE_DATE = "2010-01-01"
ANSWER_DATE = "2010-01-02"


def data_dir() -> Path:
    """Where labelled data lives: ``$WIRETRACE_DATA_DIR``, else ``../shared/data`` beside the project."""
    return Path(os.environ.get("WIRETRACE_DATA_DIR") or DEFAULT_DATA_DIR)


@dataclass(frozen=True)
class LabelledCorpus:
    """Input files plus ground truth: the story and primary parent of every article."""

    inputs: list[Path]
    story: dict[str, str]
    parent: dict[str, str | None]
    category: dict[str, str]


def clough_stevenson(folder: Path | None = None) -> LabelledCorpus:
    """The Clough–Stevenson short-answer corpus as news: each answer is an article.

    Ground truth: answers written from a source text (``cut``, ``light``, ``heavy``) are in
    the story of that source and have it as primary parent; ``non`` answers (written
    independently) are singletons with no parent.
    """
    folder = folder or data_dir() / "clough-stevenson"
    info = folder / "file_information.csv"
    if not info.exists():
        raise FileNotFoundError(f"{info} not found: set WIRETRACE_DATA_DIR to the folder holding clough-stevenson/")
    story: dict[str, str] = {}
    parent: dict[str, str | None] = {}
    category: dict[str, str] = {}
    inputs: list[Path] = []
    with info.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            article_id = Path(row["File"]).stem
            task, cat = row["Task"], row["Category"]
            source = f"orig_task{task}"
            inputs.append(folder / row["File"])
            category[article_id] = cat
            if cat == "non":
                story[article_id], parent[article_id] = article_id, None
            else:
                story[article_id] = f"task-{task}"
                parent[article_id] = None if cat == "orig" else source
    return LabelledCorpus(inputs=inputs, story=story, parent=parent, category=category)


def dated_copies(corpus: LabelledCorpus, folder: Path) -> list[Path]:
    """Copies of the corpus's ``.txt`` files in ``folder``, each led by a ``date`` token.

    Sources get :data:`SOURCE_DATE`, answers :data:`ANSWER_DATE` (the ``.txt`` input contract's
    leading ``date YYYY-MM-DD`` token); the bytes after it are the file's own, encoding included.
    """
    copies = []
    for path in corpus.inputs:
        day = SOURCE_DATE if corpus.category[path.stem] == "orig" else ANSWER_DATE
        copy = folder / path.name
        copy.write_bytes(f"date {day}\n".encode("ascii") + path.read_bytes())
        copies.append(copy)
    return copies


@dataclass(frozen=True)
class NewsArticle:
    """One line of a labelled real-news file: the label, the set it belongs to and the text."""

    label: NewsLabel
    dev_set: str
    date: str | None
    text: str


def news_articles(path: Path) -> list[NewsArticle]:
    """Labelled real articles from a JSON Lines file (the news dev sets joined with their texts).

    Each line needs ``id``, ``lang``, ``story`` and ``text``; ``url``, ``date``, ``derived_from``
    and ``set`` are optional. Raises InputError naming the line of a record that lacks a field.
    """
    articles = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                label = NewsLabel(
                    article_id=str(record["id"]),
                    url=record.get("url"),
                    lang=str(record["lang"]),
                    story=str(record["story"]),
                    derived_from=record.get("derived_from"),
                )
                articles.append(NewsArticle(label, str(record.get("set") or "-"), record.get("date"), record["text"]))
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise InputError(f"{path} line {number}: not a labelled article ({type(err).__name__}: {err})") from err
    if not articles:
        raise InputError(f"{path}: no labelled articles")
    return articles


def news_run_records(articles: Sequence[NewsArticle]) -> list[dict[str, object]]:
    """The input records a run gets: id, URL, date and text only (outlet and language are the
    pipeline's to find, as with any real input)."""
    return [{"id": a.label.article_id, "url": a.label.url, "published_at": a.date, "text": a.text} for a in articles]
