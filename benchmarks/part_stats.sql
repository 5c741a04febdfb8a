-- Big warehouse: the dates and count of the articles of the new part attached as `newpart`, for its wt.parts row.
SELECT min(published_at), max(published_at), count(*) FROM newpart.wt.articles;
