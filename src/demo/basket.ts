import type { Random } from '../models/index.ts';
import { demoCategories, demoLeaves, plantedAffinities } from './chain-catalog.ts';

export interface DemoProduct {
  sku: string;
  category: string;
  ru: string;
  en: string;
  brand: string;
  priceKopecks: number;
  costKopecks: number;
  weighed: boolean;
  nonPromotable: boolean;
}

export interface BasketLine {
  product: DemoProduct;
  qtyMilli: number;
  amountKopecks: number;
}

/** The catalog as products with SKUs (EAN-like, stable across runs). */
export function demoProducts(): DemoProduct[] {
  const nonPromotable = new Set(demoCategories.filter((c) => c.nonPromotable).map((c) => c.code));
  const parentOf = new Map(demoCategories.map((c) => [c.code, c.parent]));
  const rootOf = (code: string): string => {
    const parent = parentOf.get(code);
    return parent ? rootOf(parent) : code;
  };
  return demoLeaves.flatMap((leaf, li) =>
    leaf.products.map(([ru, en, brand, priceRub, marginPct], pi) => ({
      sku: `46${String(li + 10).padStart(3, '0')}${String(pi + 1).padStart(3, '0')}`,
      category: leaf.category,
      ru,
      en,
      brand,
      priceKopecks: priceRub * 100,
      costKopecks: Math.round(priceRub * 100 * (1 - marginPct / 100)),
      weighed: leaf.weighed ?? false,
      nonPromotable: nonPromotable.has(rootOf(leaf.category)),
    })),
  );
}

/**
 * Builds baskets towards a target spend. A line's category is drawn by the categories' weights
 * (times the shopper's own preferences); within a category the first products sell more
 * (weights 1, 1/2, 1/3 …), and its planted affinities may bring a line of their partner
 * category with it. Lead lines go in while they fit in the target; sweets and nuts by weight
 * make up the rest, so a receipt totals its target spend (to within a ruble, or a partner line
 * over it) and the spend model (Gamma-Gamma) can be recovered from receipt totals.
 */
export class BasketBuilder {
  private readonly byCategory = new Map<string, DemoProduct[]>();
  private readonly categories: string[];
  private readonly baseWeights: number[];
  private readonly affinity = new Map<string, { to: string; p: number }[]>();
  private readonly filler: { product: DemoProduct; weight: number }[];

  constructor(readonly products: DemoProduct[]) {
    for (const p of products) {
      const list = this.byCategory.get(p.category) ?? [];
      list.push(p);
      this.byCategory.set(p.category, list);
    }
    this.categories = demoLeaves.map((l) => l.category);
    this.baseWeights = demoLeaves.map((l) => l.weight);
    this.filler = demoLeaves.filter((l) => l.filler).flatMap((l) => (this.byCategory.get(l.category) ?? []).map((product, i) => ({ product, weight: 1 / (i + 1) })));
    for (const a of plantedAffinities) this.affinity.set(a.from, [...(this.affinity.get(a.from) ?? []), { to: a.to, p: a.p }]);
  }

  /** A shopper's taste: three favourite categories weigh three times as much. */
  preferences(rng: Random): number[] {
    const weights = [...this.baseWeights];
    for (let i = 0; i < 3; i++) {
      const k = rng.int(weights.length);
      weights[k] = weights[k]! * 3;
    }
    return weights;
  }

  build(rng: Random, targetKopecks: number, weights: readonly number[]): BasketLine[] {
    const lines: BasketLine[] = [];
    let total = 0;
    let misses = 0;
    while (lines.length < 60) {
      // A lead line goes in while it fits; the partners its affinities draw always follow it
      // (whoever takes pasta takes the sauce), which may overshoot the target by a line.
      const lead = this.categories[rng.categorical(weights)]!;
      const line = this.line(rng, lead);
      // A line that does not fit is put back; after three in a row the basket is full.
      if (total + line.amountKopecks > targetKopecks) {
        if (++misses === 3) break;
        continue;
      }
      misses = 0;
      lines.push(line);
      total += line.amountKopecks;
      for (const a of this.affinity.get(lead) ?? []) {
        if (!rng.bernoulli(a.p)) continue;
        const partner = this.line(rng, a.to);
        lines.push(partner);
        total += partner.amountKopecks;
      }
    }
    // The rest of the target in sweets and nuts by weight, by the gram: the receipt totals the
    // target. A category of their own, so the filler bends no planted affinity.
    for (let k = 0; k < 10 && targetKopecks - total >= 100; k++) {
      const product = this.filler[rng.categorical(this.filler.map((w) => w.weight))]!.product;
      const qtyMilli = Math.min(3000, Math.floor(((targetKopecks - total) * 1000) / product.priceKopecks));
      if (qtyMilli <= 0) break;
      const amountKopecks = Math.round((product.priceKopecks * qtyMilli) / 1000);
      lines.push({ product, qtyMilli, amountKopecks });
      total += amountKopecks;
    }
    return lines;
  }

  private line(rng: Random, category: string): BasketLine {
    const list = this.byCategory.get(category)!;
    const product = list[rng.categorical(list.map((_, i) => 1 / (i + 1)))]!;
    const qtyMilli = product.weighed ? Math.round(Math.min(3, Math.max(0.2, rng.normal(0.9, 0.4))) * 1000) : 1000 * (rng.bernoulli(0.8) ? 1 : rng.bernoulli(0.75) ? 2 : 3);
    return { product, qtyMilli, amountKopecks: Math.round((product.priceKopecks * qtyMilli) / 1000) };
  }
}
