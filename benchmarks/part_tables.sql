-- Big warehouse: the tables of a new frozen part attached as `newpart`, empty, with the hot tables' columns (warehouse.parts.FROZEN_TABLES).
CREATE SCHEMA newpart.wt;
CREATE TABLE newpart.wt.articles AS SELECT * FROM wt.articles LIMIT 0;
CREATE TABLE newpart.wt.article_versions AS SELECT * FROM wt.article_versions LIMIT 0;
CREATE TABLE newpart.wt.quotes AS SELECT * FROM wt.quotes LIMIT 0;
CREATE TABLE newpart.wt.attributions AS SELECT * FROM wt.attributions LIMIT 0;
CREATE TABLE newpart.wt.signatures AS SELECT * FROM wt.signatures LIMIT 0;
CREATE TABLE newpart.wt.band_keys AS SELECT * FROM wt.band_keys LIMIT 0;
CREATE TABLE newpart.wt.pairs AS SELECT * FROM wt.pairs LIMIT 0;
CREATE TABLE newpart.wt.stories AS SELECT * FROM wt.stories LIMIT 0;
CREATE TABLE newpart.wt.story_members AS SELECT * FROM wt.story_members LIMIT 0;
CREATE TABLE newpart.wt.edges AS SELECT * FROM wt.edges LIMIT 0;
