-- Every hot article with its publication time in UTC (NULL: undated), for choosing what to freeze.
SELECT article_id, timezone('UTC', published_at) FROM wt.articles;
