-- Every hot verified pair: freezing keeps the components of this graph whole.
SELECT a, b FROM wt.pairs;
