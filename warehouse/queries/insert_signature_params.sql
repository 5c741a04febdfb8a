-- The signature parameters of a run, once per params_id. Parameters: SignatureParams fields, datasketch, run_id.
INSERT INTO wt.signature_params
VALUES ($params_id, $num_perm, $seed, $scheme, $hash_function, $shingle_size, $bands, $rows, $max_bucket,
        $datasketch, $run_id)
ON CONFLICT DO NOTHING;
