-- The typo lexicon serves only words that may be misspelt: words with digits (model numbers, SKUs,
-- sizes) are never corrected, so they leave the lexicon (a generated catalogue had hundreds of
-- thousands of them, which made every correction scan a large trigram index).
DELETE FROM search_word WHERE word ~ '[0-9]';
-- "Does any indexed word start with this prefix?" as an index range scan (LIKE 'prefix%').
CREATE INDEX search_word_prefix ON search_word (word text_pattern_ops);
