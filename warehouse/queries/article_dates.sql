-- Publication dates of the articles in the story region.
SELECT article_id, published_at FROM wt.articles WHERE article_id IN (SELECT article_id FROM story_region);
