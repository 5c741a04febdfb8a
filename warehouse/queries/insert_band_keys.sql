-- LSH band keys of the new signatures (registered as `new_band_keys`).
INSERT INTO wt.band_keys SELECT params_id, band, key, article_id FROM new_band_keys;
