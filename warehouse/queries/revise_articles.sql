-- Replace stored articles by their new version (registered as `revised_articles`); the id and
-- first_seen_at stay, a missing title or date keeps the stored one, run_id becomes this run.
UPDATE wt.articles
SET url = r.url, outlet = r.outlet, title = coalesce(r.title, wt.articles.title),
    published_at = coalesce(r.published_at, wt.articles.published_at), lang = coalesce(r.lang, wt.articles.lang),
    text = r.text, clean_text = r.clean_text, byline = r.byline, dateline = r.dateline,
    content_hash = r.content_hash, source_file = r.source_file, record_ref = r.record_ref, run_id = $run_id
FROM revised_articles r
WHERE wt.articles.article_id = r.article_id;
