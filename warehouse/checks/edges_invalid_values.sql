SELECT * FROM edges
WHERE relation NOT IN ('verbatim', 'excerpt', 'rewrite', 'translation')
   OR confidence < 0 OR confidence > 1 OR parent_article_id = article_id OR json_valid(evidence::VARCHAR) = false;
