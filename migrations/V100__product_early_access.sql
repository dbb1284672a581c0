-- Early access (issue #8, tiers): until this instant only signed-in customers whose loyalty tier has the
-- early-access benefit may put the product in a cart or check it out; everyone can still see it (the
-- catalogue shows the instant so shops can advertise the perk). NULL: no early-access window.
-- No index: the value is read with the product or cart lines already selected by id.
ALTER TABLE product ADD COLUMN early_access_until timestamptz;
