-- New articles (registered as `new_articles`), first seen now. Parameter: run_id.
INSERT INTO wt.articles
SELECT article_id, url, outlet, title, published_at, lang, text, clean_text, byline, dateline, content_hash,
       source_file, record_ref, now(), $run_id
FROM new_articles;
