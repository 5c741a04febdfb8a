-- Big warehouse: the template's band keys as one replica, XORed like its signatures (single-row bands: the key
-- is the band's MinHash value, so keys stay those of the replica's signatures). Parameters: prefix, xor.
INSERT INTO wt.band_keys BY NAME
SELECT * REPLACE (xor(key, $xor::UBIGINT) AS key, $prefix || article_id AS article_id) FROM tpl.wt.band_keys;
