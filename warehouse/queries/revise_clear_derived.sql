-- Everything derived from the old text of revised articles (registered as `revised_articles`);
-- the run recomputes it: quotes and attributions on load, signatures in sign, pairs in verify,
-- memberships and edges in stories and lineage.
DELETE FROM wt.quotes WHERE article_id IN (SELECT article_id FROM revised_articles);
DELETE FROM wt.attributions WHERE article_id IN (SELECT article_id FROM revised_articles);
DELETE FROM wt.signatures WHERE article_id IN (SELECT article_id FROM revised_articles);
DELETE FROM wt.band_keys WHERE article_id IN (SELECT article_id FROM revised_articles);
DELETE FROM wt.pairs
WHERE a IN (SELECT article_id FROM revised_articles) OR b IN (SELECT article_id FROM revised_articles);
