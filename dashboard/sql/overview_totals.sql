-- Overview headline numbers: articles, stories, stories with copies, outlets, cited wires, last successful run.
SELECT (SELECT count(*) FROM lineage.articles) AS articles,
       (SELECT count(*) FROM lineage.stories) AS stories,
       (SELECT count(*) FROM lineage.stories WHERE n_articles > 1) AS spread_stories,
       (SELECT count(DISTINCT outlet) FROM lineage.articles) AS outlets,
       (SELECT count(*) FROM lineage.sources WHERE kind = 'wire') AS wires,
       (SELECT max(finished_at) FROM lineage.runs WHERE status = 'succeeded') AS last_run;
