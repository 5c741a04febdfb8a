"""Choosing what leaves the hot part: whole components, dated only, by the month of their newest article."""

from __future__ import annotations

from datetime import datetime

from wiretrace.freezing import frozen_months, month_of, next_month_start


def test_a_component_is_frozen_whole_in_the_month_of_its_newest_article() -> None:
    published = {
        "a": datetime(2024, 1, 30),
        "b": datetime(2024, 2, 2),  # joined to a: the component's newest article is in February
        "c": datetime(2024, 1, 5),  # alone
        "d": datetime(2024, 3, 20),  # its month has not ended before the cutoff
    }
    months = frozen_months(published, [("a", "b")], cutoff=datetime(2024, 3, 1))
    assert months == {"a": "2024-02", "b": "2024-02", "c": "2024-01"}


def test_a_month_is_frozen_only_once_it_has_ended_before_the_cutoff() -> None:
    published = {"a": datetime(2024, 2, 1), "b": datetime(2024, 2, 29, 23, 59)}
    assert frozen_months(published, [], cutoff=datetime(2024, 2, 29, 23, 59, 59)) == {}
    assert frozen_months(published, [], cutoff=datetime(2024, 3, 1)) == {"a": "2024-02", "b": "2024-02"}


def test_a_component_holding_an_undated_article_stays_hot() -> None:
    published = {"a": datetime(2024, 1, 3), "b": None, "c": datetime(2024, 1, 4), "e": datetime(2024, 1, 9)}
    # c joins the undated b through a chain: the whole component a-b-c stays, e alone goes.
    months = frozen_months(published, [("a", "c"), ("c", "b")], cutoff=datetime(2025, 1, 1))
    assert months == {"e": "2024-01"}


def test_pairs_naming_articles_not_hot_are_ignored() -> None:
    months = frozen_months({"a": datetime(2024, 1, 3)}, [("a", "gone")], cutoff=datetime(2024, 6, 1))
    assert months == {"a": "2024-01"}


def test_month_helpers_cross_the_year() -> None:
    assert month_of(datetime(2024, 12, 31, 23)) == "2024-12"
    assert next_month_start(datetime(2024, 12, 31, 23)) == datetime(2025, 1, 1)
    assert next_month_start(datetime(2024, 1, 31, 12, 30)) == datetime(2024, 2, 1)
