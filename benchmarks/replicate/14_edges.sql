-- Big warehouse: the template's lineage edges as one replica; article ids quoted in the evidence JSON (the generator's
-- 16 hex digits, e.g. "edited_version") get the prefix too. Parameter: prefix.
INSERT INTO wt.edges BY NAME
SELECT * REPLACE (
    $prefix || article_id AS article_id,
    $prefix || parent_article_id AS parent_article_id,
    regexp_replace(evidence::VARCHAR, '"([0-9a-f]{16})"', '"' || $prefix || '\1"', 'g')::JSON AS evidence,
    $prefix || story_id AS story_id,
    $prefix || run_id AS run_id
)
FROM tpl.wt.edges;
