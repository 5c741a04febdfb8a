-- `wiretrace stories`: stories, largest first, with their cited wire, root and how copies were made.
SELECT story_id AS story, n_articles AS articles, n_outlets AS outlets, coalesce(wire_source, '-') AS wire,
       root_article_id AS root, coalesce(strftime(first_published_at, '%Y-%m-%d'), '-') AS first,
       n_verbatim AS verbatim, n_excerpt AS excerpts, n_rewrite AS rewrites,
       left(coalesce(headline, ''), 60) AS headline
FROM lineage.story_summary
ORDER BY n_articles DESC, first_published_at DESC NULLS LAST, story_id
LIMIT $limit;
