-- Catalogue: categories, products, variants, prices, stock ledger and the search lexicon.
-- pg_trgm gives typo tolerance (nearest words by trigram distance); it is a trusted contrib
-- extension, so a database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE category (
    id         uuid        PRIMARY KEY,
    parent_id  uuid        REFERENCES category (id),
    name       text        NOT NULL,
    slug       text        NOT NULL UNIQUE,
    position   integer     NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX category_parent ON category (parent_id);

CREATE TABLE product (
    id                uuid        PRIMARY KEY,
    slug              text        NOT NULL UNIQUE,
    title             text        NOT NULL,
    description       text        NOT NULL DEFAULT '',
    status            text        NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
    brand             text,
    -- Flat key/value attributes ({"colour": "red"}); jsonb so filters use the GIN index (@>).
    attributes        jsonb       NOT NULL DEFAULT '{}',
    image_urls        text[]      NOT NULL DEFAULT '{}',
    tags              text[]      NOT NULL DEFAULT '{}',
    delivery_min_days integer     NOT NULL DEFAULT 2 CHECK (delivery_min_days >= 0),
    delivery_max_days integer     NOT NULL DEFAULT 5 CHECK (delivery_max_days >= delivery_min_days),
    -- Normalised text (Persian/Arabic letters and digits folded, lower-cased, accents stripped) written
    -- by the application with the same function that normalises queries, so both sides always agree.
    search_title      text        NOT NULL DEFAULT '',
    search_body       text        NOT NULL DEFAULT '',
    search_vector     tsvector    GENERATED ALWAYS AS (
                          setweight(to_tsvector('simple', search_title), 'A')
                          || setweight(to_tsvector('simple', search_body), 'B')) STORED,
    version           integer     NOT NULL DEFAULT 1,
    published_at      timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
-- Public lists only ever show active products, newest first: a partial index serves that keyset scan.
CREATE INDEX product_active_newest ON product (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX product_admin_newest ON product (created_at DESC, id DESC);
CREATE INDEX product_search ON product USING gin (search_vector);
CREATE INDEX product_attributes ON product USING gin (attributes jsonb_path_ops);
CREATE INDEX product_tags ON product USING gin (tags);

CREATE TABLE product_category (
    product_id  uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    category_id uuid NOT NULL REFERENCES category (id),
    PRIMARY KEY (product_id, category_id)
);
CREATE INDEX product_category_by_category ON product_category (category_id, product_id);

CREATE TABLE product_related (
    product_id         uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    related_product_id uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    position           integer NOT NULL,
    PRIMARY KEY (product_id, related_product_id)
);

CREATE TABLE variant (
    id            uuid        PRIMARY KEY,
    product_id    uuid        NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    sku           text        NOT NULL UNIQUE,
    options       jsonb       NOT NULL DEFAULT '{}',
    weight_grams  integer     CHECK (weight_grams >= 0),
    -- Equals the sum of stock_movement.delta for this variant: both change in one transaction.
    stock_on_hand integer     NOT NULL DEFAULT 0 CHECK (stock_on_hand >= 0),
    position      integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX variant_product ON variant (product_id, position);

CREATE TABLE variant_price (
    variant_id        uuid    NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
    currency          char(3) NOT NULL,
    amount            bigint  NOT NULL CHECK (amount >= 0),
    compare_at_amount bigint  CHECK (compare_at_amount >= 0),
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (variant_id, currency)
);

-- The cheapest variant price per product and currency, kept by the application whenever variants or
-- prices change, so price filters and price-sorted keyset pages are an index range scan.
CREATE TABLE product_price (
    product_id uuid    NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    currency   char(3) NOT NULL,
    amount     bigint  NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, currency)
);
CREATE INDEX product_price_sort ON product_price (currency, amount, product_id);

CREATE TABLE stock_movement (
    id            uuid        PRIMARY KEY,
    variant_id    uuid        NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
    delta         integer     NOT NULL CHECK (delta <> 0),
    reason        text        NOT NULL CHECK (reason IN ('received', 'damaged', 'correction', 'sale', 'return')),
    note          text,
    stock_after   integer     NOT NULL CHECK (stock_after >= 0),
    created_by    uuid,
    created_at    timestamptz NOT NULL
);
CREATE INDEX stock_movement_by_variant ON stock_movement (variant_id, created_at DESC, id DESC);

-- Every distinct normalised word seen in product text. A misspelt query word is matched to its
-- nearest lexicon words (trigram KNN on this small table), then searched as usual.
CREATE TABLE search_word (
    word       text        PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_word_trgm ON search_word USING gist (word gist_trgm_ops);
