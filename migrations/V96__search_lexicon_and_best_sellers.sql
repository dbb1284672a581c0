-- The typo lexicon serves only words that may be misspelt: words with digits (model numbers, SKUs,
-- sizes) are never corrected, so they leave the lexicon (a generated catalogue had hundreds of
-- thousands of them, which made every correction scan a large trigram index).
DELETE FROM search_word WHERE word ~ '[0-9]';
-- "Does any indexed word start with this prefix?" as an index range scan (LIKE 'prefix%').
CREATE INDEX search_word_prefix ON search_word (word text_pattern_ops);

-- "Best selling" sort: units in paid, not cancelled orders of the last 30 days, refreshed by a job
-- (CatalogQueries.refreshBestSellers); a keyset index serves the public list in that order.
ALTER TABLE product ADD COLUMN units_sold bigint NOT NULL DEFAULT 0;
CREATE INDEX product_active_best_selling ON product (units_sold DESC, id DESC) WHERE status = 'active';
