-- Benchmark: band keys (BAND_KEY schema) into wt.band_keys. Input: bench_band_keys.
INSERT INTO wt.band_keys SELECT params_id, band, key, article_id FROM bench_band_keys;
