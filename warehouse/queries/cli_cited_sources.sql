-- `wiretrace explain`: the wires and outlets an article's text cites.
SELECT DISTINCT source FROM lineage.attributions WHERE article_id = $article_id ORDER BY source;
