-- Every verified pair, as clustering needs it.
SELECT a, b, strength, containment_ab, containment_ba FROM wt.pairs;
