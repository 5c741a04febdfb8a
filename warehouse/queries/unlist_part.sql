-- Take a thawed part off the list (its rows are back in the hot part).
DELETE FROM wt.parts WHERE part_id = $part_id;
