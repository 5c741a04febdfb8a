-- Big warehouse: the template's articles, its stories' highest age, and rows of the tables a file run leaves empty.
SELECT
    (SELECT count(*) FROM tpl.wt.articles) AS articles,
    (SELECT coalesce(max(age), 0) FROM tpl.wt.stories) AS max_age,
    (SELECT count(*) FROM tpl.wt.http_cache) + (SELECT count(*) FROM tpl.wt.feed_entries)
        + (SELECT count(*) FROM tpl.wt.fetch_log) + (SELECT count(*) FROM tpl.wt.inbox_files) AS poll_rows;
