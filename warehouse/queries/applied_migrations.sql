-- The migrations applied to the warehouse, in order.
SELECT name FROM wt.schema_migrations ORDER BY name;
