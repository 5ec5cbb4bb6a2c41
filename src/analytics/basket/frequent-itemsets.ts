/**
 * Frequent itemsets by Eclat (Zaki, 2000): each item's baskets as a bitset, itemsets grown depth
 * first by intersecting bitsets. Pure and exact: an itemset is frequent when
 * count / baskets ≥ minSupport, the definition arules uses.
 */
export interface Itemset {
  /** Item indices, ascending. */
  items: number[];
  count: number;
}

function bitsIn(word: number): number {
  let v = word;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function popcount(bits: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) n += bitsIn(bits[i]!);
  return n;
}

/** a ∧ b into out over the words [from, to), and its popcount: one pass over memory instead of two. */
function intersect(a: Uint32Array, b: Uint32Array, out: Uint32Array, from: number, to: number): number {
  let n = 0;
  for (let w = from; w < to; w++) {
    const v = a[w]! & b[w]!;
    out[w] = v;
    if (v !== 0) n += bitsIn(v);
  }
  return n;
}

/** The smallest count whose share of `baskets` is at least `minSupport`, compared exactly as count / baskets. */
export function minimumCount(minSupport: number, baskets: number): number {
  let count = Math.max(1, Math.ceil(minSupport * baskets));
  while (count > 1 && (count - 1) / baskets >= minSupport) count--;
  while (count / baskets < minSupport) count++;
  return count;
}

/** Each item's baskets as a bitset over the basket numbers 0 … basketCount − 1. */
export interface BasketBits {
  basketCount: number;
  bitsOf: Uint32Array[];
}

/** baskets: item indices per basket (duplicates ignored); itemCount: how many distinct items exist. */
export function basketBits(baskets: readonly (readonly number[])[], itemCount: number): BasketBits {
  const bitsOf = Array.from({ length: itemCount }, () => new Uint32Array(Math.ceil(baskets.length / 32)));
  baskets.forEach((basket, b) => {
    for (const item of basket) bitsOf[item]![b >>> 5]! |= 1 << (b & 31);
  });
  return { basketCount: baskets.length, bitsOf };
}

/**
 * The same from (basket, item) pairs as typed arrays, baskets numbered 1 … n (a pair may repeat),
 * as a query hands them over: no array per basket (a quarter of a million of them over the 5 M
 * chain's four weeks).
 */
export function basketBitsOfPairs(basketOf: Int32Array, itemOf: Int32Array, itemCount: number): BasketBits {
  let basketCount = 0;
  for (let i = 0; i < basketOf.length; i++) basketCount = Math.max(basketCount, basketOf[i]!);
  const bitsOf = Array.from({ length: itemCount }, () => new Uint32Array(Math.ceil(basketCount / 32)));
  for (let i = 0; i < basketOf.length; i++) {
    const b = basketOf[i]! - 1;
    bitsOf[itemOf[i]!]![b >>> 5]! |= 1 << (b & 31);
  }
  return { basketCount, bitsOf };
}

/** The itemsets whose share of the baskets is at least minSupport, of up to maxLength items. */
export function frequentItemsets({ basketCount, bitsOf }: BasketBits, options: { minSupport: number; maxLength: number }): Itemset[] {
  const words = Math.ceil(basketCount / 32);
  const itemCount = bitsOf.length;
  const minCount = minimumCount(options.minSupport, basketCount);
  const found: Itemset[] = [];
  // A node holds its baskets as a bitset over the words where they lie (its span), or, once they
  // are few, as a sorted list of basket numbers: deep itemsets cost what they hold, not the basket count.
  type Node = { item: number; count: number; bits: Uint32Array | null; from: number; to: number; tids: Int32Array | null };
  const toTids = (bits: Uint32Array, from: number, to: number, count: number): Int32Array => {
    const out = new Int32Array(count);
    let k = 0;
    for (let w = from; w < to; w++) {
      let v = bits[w]!;
      while (v !== 0) {
        const low = v & -v;
        out[k++] = (w << 5) | (31 - Math.clz32(low));
        v ^= low;
      }
    }
    return out;
  };
  const probe = (tids: Int32Array, bits: Uint32Array): Int32Array => {
    const out = new Int32Array(tids.length);
    let k = 0;
    for (let i = 0; i < tids.length; i++) {
      const t = tids[i]!;
      if (bits[t >>> 5]! & (1 << (t & 31))) out[k++] = t;
    }
    return out.subarray(0, k);
  };
  const merge = (x: Int32Array, y: Int32Array): Int32Array => {
    const out = new Int32Array(Math.min(x.length, y.length));
    let i = 0, j = 0, k = 0;
    while (i < x.length && j < y.length) {
      const a = x[i]!, b = y[j]!;
      if (a === b) { out[k++] = a; i++; j++; } else if (a < b) i++; else j++;
    }
    return out.subarray(0, k);
  };
  const join = (node: Node, other: Node): Node | null => {
    if (node.tids || other.tids) {
      const tids = node.tids && other.tids ? merge(node.tids, other.tids) : node.tids ? probe(node.tids, other.bits!) : probe(other.tids!, node.bits!);
      return tids.length >= minCount ? { item: other.item, count: tids.length, bits: null, from: 0, to: 0, tids } : null;
    }
    const from = Math.max(node.from, other.from);
    const to = Math.min(node.to, other.to);
    if (from >= to) return null;
    const bits = new Uint32Array(words);
    const count = intersect(node.bits!, other.bits!, bits, from, to);
    if (count < minCount) return null;
    let f = from, t = to;
    while (f < t && bits[f] === 0) f++;
    while (t > f && bits[t - 1] === 0) t--;
    // Fewer baskets than half the words of the span: a list is cheaper from here on.
    if (count * 2 < t - f) return { item: other.item, count, bits: null, from: 0, to: 0, tids: toTids(bits, f, t, count) };
    return { item: other.item, count, bits, from: f, to: t, tids: null };
  };
  const grow = (prefix: number[], nodes: Node[]) => {
    for (let a = 0; a < nodes.length; a++) {
      const node = nodes[a]!;
      const items = [...prefix, node.item];
      found.push({ items, count: node.count });
      if (items.length >= options.maxLength) continue;
      const next: Node[] = [];
      for (let b = a + 1; b < nodes.length; b++) {
        const joined = join(node, nodes[b]!);
        if (joined) next.push(joined);
      }
      if (next.length > 0) grow(items, next);
    }
  };
  const singles: Node[] = [];
  for (let item = 0; item < itemCount; item++) {
    const count = popcount(bitsOf[item]!);
    if (count >= minCount) singles.push({ item, bits: bitsOf[item]!, count, from: 0, to: words, tids: null });
  }
  grow([], singles);
  return found;
}

export interface AssociationRule {
  lhs: number[];
  rhs: number;
  count: number;
  support: number;
  confidence: number;
  lift: number;
}

/**
 * Rules X ⇒ {y} from frequent itemsets, as arules' apriori makes them (one item on the right):
 * confidence = count(X ∪ y) / count(X), lift = confidence / support(y).
 */
export function associationRules(itemsets: readonly Itemset[], baskets: number, options: { minConfidence: number; minLength?: number }): AssociationRule[] {
  const countOf = new Map(itemsets.map((s) => [s.items.join(','), s.count]));
  const rules: AssociationRule[] = [];
  for (const set of itemsets) {
    if (set.items.length < Math.max(2, options.minLength ?? 2)) continue;
    for (const rhs of set.items) {
      const lhs = set.items.filter((i) => i !== rhs);
      const confidence = set.count / countOf.get(lhs.join(','))!;
      if (confidence < options.minConfidence) continue;
      rules.push({ lhs, rhs, count: set.count, support: set.count / baskets, confidence, lift: confidence / (countOf.get(String(rhs))! / baskets) });
    }
  }
  return rules.sort((a, b) => b.confidence - a.confidence || b.lift - a.lift || b.count - a.count);
}
