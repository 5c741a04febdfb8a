-- The articles whose story can change in this run: the new articles and everything joined
-- to them by verified pairs, transitively (their components of the pair graph). Stories
-- outside the region are untouched, so clustering costs what the region holds, not the
-- warehouse. Parameter: run_id.
CREATE OR REPLACE TEMP TABLE story_region AS
WITH RECURSIVE
    links(x, y) AS (
        SELECT a, b FROM wt.pairs
        UNION ALL
        SELECT b, a FROM wt.pairs
    ),
    region(article_id) AS (
        SELECT article_id FROM wt.articles WHERE run_id = $run_id
        UNION
        SELECT l.y FROM region r JOIN links l ON l.x = r.article_id
    )
SELECT DISTINCT article_id FROM region;
