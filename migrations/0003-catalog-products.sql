-- catalog: products and their category tree. `path` holds the category codes from the root down
-- to the category itself, so rules can test "is this product under tobacco?" without recursion.
-- Non-promotable goods (tobacco, alcohol under Russian law) neither earn nor may be paid with points.
CREATE TABLE product_categories (
  code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  parent_code text REFERENCES product_categories (code),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  path text[] NOT NULL,
  non_promotable boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  sku text PRIMARY KEY CHECK (sku ~ '^[^[:cntrl:]]{1,64}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  category_code text REFERENCES product_categories (code),
  brand text,
  price_kopecks bigint CHECK (price_kopecks >= 0),
  cost_kopecks bigint CHECK (cost_kopecks >= 0),
  non_promotable boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_category_idx ON products (category_code);
