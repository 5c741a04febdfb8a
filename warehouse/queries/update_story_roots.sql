-- Root, cited wire and headline of stories whose lineage was recomputed. Parameters: run_id.
-- Input: story_roots (story_id, root_article_id, wire_source, headline), one row per story.
UPDATE wt.stories AS s
SET root_article_id = r.root_article_id, wire_source = r.wire_source, headline = r.headline, run_id = $run_id
FROM story_roots AS r
WHERE s.story_id = r.story_id;
