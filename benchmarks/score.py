"""Score a warehouse built from a generated corpus against the generator's planted labels.

The labels are generated again (same article count, seed and start as the corpus), so a
corpus of any size can be scored without keeping them:

    python -m benchmarks.score /tmp/wt-1m/w.duckdb --articles 1000000 --seed 1 --start 2020-01-01
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from itertools import islice

from workbench.evaluate import predicted_lineage
from workbench.scores import parent_accuracy, story_scores
from workbench.synth import DEFAULT_START, iter_articles, stories_for_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=datetime.fromisoformat, default=DEFAULT_START, help="YYYY-MM-DD")
    args = parser.parse_args()
    start = args.start if args.start.tzinfo else args.start.replace(tzinfo=UTC)

    story: dict[str, str] = {}
    parent: dict[str, str | None] = {}
    for a in islice(iter_articles(stories_for_articles(args.articles), args.seed, start=start), args.articles):
        story[a.article_id] = a.story_key
        parent[a.article_id] = a.parent_article_id or a.parent_source
    predicted_story, predicted_parent = predicted_lineage(args.db)
    missing = len(story.keys() - predicted_story.keys())
    scores = story_scores(predicted_story, story)
    print(f"articles: {len(story)} generated, {len(predicted_story)} in the warehouse, {missing} generated but absent")
    print(f"story pairs: precision {scores.precision:.4f}, recall {scores.recall:.4f}, ARI {scores.ari:.4f}")
    print(f"parent accuracy: {parent_accuracy(predicted_parent, parent):.4f}")


if __name__ == "__main__":
    main()
