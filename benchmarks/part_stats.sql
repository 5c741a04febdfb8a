-- Big warehouse: the dates and counts of the new part attached as `newpart`, for its wt.parts row.
SELECT min(published_at), max(published_at), count(*),
       (SELECT count(*) FROM newpart.wt.stories),
       (SELECT count(*) FROM newpart.wt.edges WHERE is_primary)
FROM newpart.wt.articles;
