-- `wiretrace explain`: a story's headline, cited wire and root.
SELECT headline, wire_source, root_article_id FROM lineage.stories WHERE story_id = $story_id;
