"""The inbox's pure half: which files a run takes, and the files `wiretrace init` writes."""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path

import pytest

from wiretrace.errors import InputError
from wiretrace.ids import file_hash
from wiretrace.inbox import FileStat, InboxFile, hash_path, inbox_root, scan_inbox, select_files
from wiretrace.params import PipelineParams
from wiretrace.scaffold import FEEDS_TEMPLATE, config_template, init_folder
from wiretrace.settings import pipeline_params, read_config
from wiretrace.sources import feed_urls


class Digests:
    """A content hash per path, counting the paths it was asked for."""

    def __init__(self, hashes: dict[str, str | None]) -> None:
        self.hashes = hashes
        self.asked: list[str] = []

    def __call__(self, path: str) -> str | None:
        self.asked.append(path)
        return self.hashes[path]


def test_unchanged_files_are_decided_without_hashing() -> None:
    found = [FileStat("/in/a.jsonl", 10, 100), FileStat("/in/b.txt", 20, 200)]
    taken = {f.path: InboxFile(f.path, f.size, f.mtime_ns, "h-" + f.path) for f in found}
    digest = Digests({})
    selection = select_files("/in", found, taken, digest)
    assert selection.take == () and selection.unchanged == 2
    assert digest.asked == [] and selection.hashed == 0


def test_new_grown_touched_and_rewritten_files() -> None:
    found = [
        FileStat("/in/new.jsonl", 5, 1),
        FileStat("/in/grown.jsonl", 30, 300),  # recorded at 20 bytes
        FileStat("/in/touched.txt", 20, 999),  # same bytes, new time
        FileStat("/in/rewritten.txt", 20, 999),  # same size, new time, other bytes
        FileStat("/in/gone.txt", 7, 1),  # vanished before it was hashed
    ]
    taken = {
        "/in/grown.jsonl": InboxFile("/in/grown.jsonl", 20, 200, "old"),
        "/in/touched.txt": InboxFile("/in/touched.txt", 20, 200, "same"),
        "/in/rewritten.txt": InboxFile("/in/rewritten.txt", 20, 200, "old"),
    }
    digest = Digests(
        {
            "/in/new.jsonl": "n",
            "/in/grown.jsonl": "g",
            "/in/touched.txt": "same",
            "/in/rewritten.txt": "r",
            "/in/gone.txt": None,
        }
    )
    selection = select_files("/in", found, taken, digest)
    assert selection.take == (
        InboxFile("/in/new.jsonl", 5, 1, "n"),
        InboxFile("/in/grown.jsonl", 30, 300, "g"),
        InboxFile("/in/rewritten.txt", 20, 999, "r"),
    )
    assert (selection.new, selection.changed, selection.unchanged, selection.vanished) == (1, 2, 1, 1)
    assert selection.counts() == {
        "inbox_files": 4,
        "inbox_taken": 3,
        "inbox_new": 1,
        "inbox_changed": 2,
        "inbox_already_taken": 1,
        "inbox_hashed": 5,
    }


def test_a_grown_file_with_a_matching_hash_is_still_taken() -> None:
    # the recorded hash only decides for a file of the recorded size
    found = [FileStat("/in/a.jsonl", 30, 100)]
    taken = {"/in/a.jsonl": InboxFile("/in/a.jsonl", 20, 100, "h")}
    assert select_files("/in", found, taken, Digests({"/in/a.jsonl": "h"})).changed == 1


def test_scan_lists_input_files_recursively_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.txt", "sub/c.csv.gz", "notes.md", ".partial.jsonl", ".hidden/d.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x" * len(name), encoding="utf-8")
    root = inbox_root(tmp_path)
    found = scan_inbox(root)
    assert [Path(f.path).relative_to(tmp_path).as_posix() for f in found] == ["a.txt", "b.jsonl", "sub/c.csv.gz"]
    assert all(Path(f.path).is_absolute() for f in found)
    first = found[0]
    assert (first.size, first.mtime_ns) == (len("a.txt"), os.stat(first.path).st_mtime_ns)


def test_inbox_root_names_a_missing_or_wrong_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"inbox folder does not exist \(create it with `wiretrace init`"):
        inbox_root(tmp_path / "inbox")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(InputError, match=r"file\.txt: inbox is not a folder"):
        inbox_root(tmp_path / "file.txt")


def test_hash_is_the_sha1_of_the_bytes_and_none_for_a_vanished_file(tmp_path: Path) -> None:
    import hashlib

    data = os.urandom(3 * (1 << 20) + 17)  # more than one chunk
    (tmp_path / "a.jsonl").write_bytes(data)
    assert hash_path(str(tmp_path / "a.jsonl")) == hashlib.sha1(data).hexdigest()
    assert file_hash([data[:5], data[5:]]) == hashlib.sha1(data).hexdigest()
    assert hash_path(str(tmp_path / "gone.jsonl")) is None


def test_config_template_holds_every_default_commented_out(tmp_path: Path) -> None:
    text = config_template()
    path = tmp_path / "wiretrace.toml"
    path.write_text(text, encoding="utf-8")
    assert pipeline_params((str(path), read_config(path))) == PipelineParams()  # as written: only comments
    path.write_text("\n".join(line.removeprefix("# ") if " = " in line else line for line in text.splitlines()))
    uncommented = read_config(path)
    assert uncommented == asdict(PipelineParams())  # every section and key, with its default
    assert pipeline_params((str(path), uncommented)) == PipelineParams()  # every value is the default


def test_init_creates_what_is_missing_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "wiretrace.toml").write_text("[verify]\ntime_window_days = 3\n", encoding="utf-8")
    assert init_folder(tmp_path) == [("inbox", True), ("feeds.txt", True), ("wiretrace.toml", False)]
    assert (tmp_path / "inbox").is_dir()
    assert (tmp_path / "feeds.txt").read_text(encoding="utf-8") == FEEDS_TEMPLATE
    assert (tmp_path / "wiretrace.toml").read_text(encoding="utf-8") == "[verify]\ntime_window_days = 3\n"
    (tmp_path / "feeds.txt").write_text("https://a.example/rss\n", encoding="utf-8")
    assert init_folder(tmp_path) == [("inbox", False), ("feeds.txt", False), ("wiretrace.toml", False)]
    assert (tmp_path / "feeds.txt").read_text(encoding="utf-8") == "https://a.example/rss\n"
    (tmp_path / "inbox").rmdir()
    (tmp_path / "inbox").write_text("not a folder")
    with pytest.raises(InputError, match="exists and is not a folder"):
        init_folder(tmp_path)


def test_the_fresh_feeds_file_lists_no_feed(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(FEEDS_TEMPLATE, encoding="utf-8")
    assert feed_urls(None, str(feeds), required=False) == []
    with pytest.raises(InputError, match=r"feeds\.txt: no feeds to poll: the file lists no feed URL"):
        feed_urls(None, str(feeds))
    with pytest.raises(InputError, match="no feeds to poll: give feed URLs or a feeds file"):
        feed_urls(None, None, required=False)  # nothing named at all is still an error
