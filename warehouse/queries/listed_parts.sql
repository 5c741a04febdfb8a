-- The frozen parts the open warehouse is made of, by id (every column: a kept version may predate a migration).
SELECT * FROM wt.parts ORDER BY part_id;
