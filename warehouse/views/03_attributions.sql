-- lineage.attributions: each citation of a wire or outlet found in an article's text.
CREATE OR REPLACE VIEW lineage.attributions AS
SELECT article_id, source, phrase, kind, run_id
FROM whole.attributions;
