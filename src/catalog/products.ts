import { PatronError } from '../core/index.ts';
import type { PoolClient, Queryable } from '../db/index.ts';

export interface CategoryInput {
  code: string;
  parent_code?: string | null | undefined;
  name: string;
  non_promotable?: boolean | undefined;
}

export interface ProductInput {
  sku: string;
  name: string;
  category_code?: string | null | undefined;
  brand?: string | null | undefined;
  price_kopecks?: number | null | undefined;
  cost_kopecks?: number | null | undefined;
  non_promotable?: boolean | undefined;
}

/** What the rules need to know of a product on a receipt line. */
export interface ReceiptProduct {
  sku: string;
  name: string;
  non_promotable: boolean;
  category_path: string[];
}

/**
 * Creates or updates categories. Parents may come in the same batch in any order; each
 * category's path (codes from the root) is computed here, and a cycle is refused.
 */
export async function upsertCategories(client: PoolClient, categories: CategoryInput[]): Promise<number> {
  const pending = new Map(categories.map((c) => [c.code, c]));
  const known = new Map(
    (await client.query<{ code: string; path: string[] }>('SELECT code, path FROM product_categories')).rows.map((r) => [r.code, r.path]),
  );
  const pathOf = (code: string, seen: Set<string>): string[] => {
    const input = pending.get(code);
    if (!input) {
      const path = known.get(code);
      if (!path) throw new PatronError('validation_failed', `Unknown parent category ${code}`, { issues: [{ path: 'parent_code', message: `unknown category ${code}` }] });
      return path;
    }
    if (seen.has(code)) throw new PatronError('validation_failed', `Category ${code} is its own ancestor`);
    seen.add(code);
    return [...(input.parent_code ? pathOf(input.parent_code, seen) : []), code];
  };
  for (const category of categories) {
    const path = pathOf(category.code, new Set());
    await client.query(
      `INSERT INTO product_categories (code, parent_code, name, path, non_promotable) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code, name = EXCLUDED.name, path = EXCLUDED.path,
         non_promotable = EXCLUDED.non_promotable, updated_at = now()`,
      [category.code, category.parent_code ?? null, category.name, path, category.non_promotable ?? false],
    );
  }
  return categories.length;
}

/** Creates or updates products in one statement per batch. */
export async function upsertProducts(client: PoolClient, products: ProductInput[]): Promise<number> {
  if (products.length === 0) return 0;
  const unknownCategories = (
    await client.query<{ code: string }>(
      'SELECT DISTINCT c AS code FROM unnest($1::text[]) c WHERE c IS NOT NULL AND NOT EXISTS (SELECT 1 FROM product_categories WHERE code = c)',
      [products.map((p) => p.category_code ?? null)],
    )
  ).rows;
  if (unknownCategories.length > 0) {
    throw new PatronError('validation_failed', `Unknown categories: ${unknownCategories.map((r) => r.code).join(', ')}`);
  }
  await client.query(
    `INSERT INTO products (sku, name, category_code, brand, price_kopecks, cost_kopecks, non_promotable)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::boolean[])
     ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, category_code = EXCLUDED.category_code, brand = EXCLUDED.brand,
       price_kopecks = EXCLUDED.price_kopecks, cost_kopecks = EXCLUDED.cost_kopecks, non_promotable = EXCLUDED.non_promotable, updated_at = now()`,
    [
      products.map((p) => p.sku),
      products.map((p) => p.name),
      products.map((p) => p.category_code ?? null),
      products.map((p) => p.brand ?? null),
      products.map((p) => p.price_kopecks ?? null),
      products.map((p) => p.cost_kopecks ?? null),
      products.map((p) => p.non_promotable ?? false),
    ],
  );
  return products.length;
}

/**
 * The products of a receipt, with the non-promotable flag folded in from the product itself
 * and from its categories. Unknown SKUs are an error naming them all.
 */
export async function productsForReceipt(client: PoolClient, skus: string[]): Promise<Map<string, ReceiptProduct>> {
  const unique = [...new Set(skus)];
  const rows = (
    await client.query<ReceiptProduct>(
      `SELECT p.sku, p.name, p.non_promotable OR coalesce(bool_or(pc.non_promotable), false) AS non_promotable,
              coalesce(c.path, '{}') AS category_path
         FROM products p
         LEFT JOIN product_categories c ON c.code = p.category_code
         LEFT JOIN product_categories pc ON pc.code = ANY(c.path)
        WHERE p.sku = ANY($1)
        GROUP BY p.sku, p.name, p.non_promotable, c.path`,
      [unique],
    )
  ).rows;
  const found = new Map(rows.map((r) => [r.sku, r]));
  const missing = unique.filter((sku) => !found.has(sku));
  if (missing.length > 0) {
    throw new PatronError('unknown_product', `Unknown SKUs: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ` and ${missing.length - 20} more` : ''}`, {
      details: { unknown_skus: missing.slice(0, 100) },
    });
  }
  return found;
}

/** Every product with its category path, for the read side's snapshot of the catalog. */
export async function listProductsWithPaths(db: Queryable): Promise<{ sku: string; name: string; category_code: string | null; category_path: string[]; brand: string | null; price_kopecks: number | null; cost_kopecks: number | null; non_promotable: boolean }[]> {
  const { rows } = await db.query(
    `SELECT p.sku, p.name, p.category_code, coalesce(c.path, '{}') AS category_path, p.brand, p.price_kopecks, p.cost_kopecks, p.non_promotable OR coalesce(c.non_promotable, false) AS non_promotable
       FROM products p LEFT JOIN product_categories c ON c.code = p.category_code ORDER BY p.sku`,
  );
  return rows;
}
