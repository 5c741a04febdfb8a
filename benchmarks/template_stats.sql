-- Big warehouse: the template's articles, its stories' highest age, rows of the tables a file run leaves empty, and its newest article (UTC).
SELECT
    (SELECT count(*) FROM tpl.wt.articles) AS articles,
    (SELECT coalesce(max(age), 0) FROM tpl.wt.stories) AS max_age,
    (SELECT count(*) FROM tpl.wt.http_cache) + (SELECT count(*) FROM tpl.wt.feed_entries)
        + (SELECT count(*) FROM tpl.wt.fetch_log) + (SELECT count(*) FROM tpl.wt.inbox_files) AS poll_rows,
    (SELECT timezone('UTC', max(published_at)) FROM tpl.wt.articles) AS newest;
