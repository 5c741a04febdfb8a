-- The articles to freeze (registered Arrow table `freezing_rows`: article_id, month) as the temp table `freezing`.
CREATE OR REPLACE TEMP TABLE freezing AS SELECT * FROM freezing_rows;
