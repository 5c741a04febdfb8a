-- Big warehouse: the template's signatures as one replica, every MinHash value XORed with the replica's
-- constant (0 keeps the real signatures): equal values stay equal within the replica, replicas do not collide.
-- Parameters: prefix, xor.
INSERT INTO wt.signatures BY NAME
SELECT * REPLACE (
    $prefix || article_id AS article_id,
    list_transform(minhash, lambda v: xor(v, $xor::UINTEGER)) AS minhash,
    $prefix || run_id AS run_id
)
FROM tpl.wt.signatures;
