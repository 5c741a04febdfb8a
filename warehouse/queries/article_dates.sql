SELECT article_id, published_at FROM wt.articles;
