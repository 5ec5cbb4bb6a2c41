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

function popcount(bits: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) {
    let v = bits[i]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
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

/** baskets: item indices per basket (duplicates ignored); itemCount: how many distinct items exist. */
export function frequentItemsets(baskets: readonly (readonly number[])[], itemCount: number, options: { minSupport: number; maxLength: number }): Itemset[] {
  const words = Math.ceil(baskets.length / 32);
  const bitsOf = Array.from({ length: itemCount }, () => new Uint32Array(words));
  baskets.forEach((basket, b) => {
    for (const item of basket) bitsOf[item]![b >>> 5]! |= 1 << (b & 31);
  });
  const minCount = minimumCount(options.minSupport, baskets.length);
  const found: Itemset[] = [];
  type Node = { item: number; bits: Uint32Array; count: number };
  const grow = (prefix: number[], nodes: Node[]) => {
    for (let a = 0; a < nodes.length; a++) {
      const node = nodes[a]!;
      const items = [...prefix, node.item];
      found.push({ items, count: node.count });
      if (items.length >= options.maxLength) continue;
      const next: Node[] = [];
      for (let b = a + 1; b < nodes.length; b++) {
        const other = nodes[b]!;
        const bits = new Uint32Array(words);
        for (let w = 0; w < words; w++) bits[w] = node.bits[w]! & other.bits[w]!;
        const count = popcount(bits);
        if (count >= minCount) next.push({ item: other.item, bits, count });
      }
      if (next.length > 0) grow(items, next);
    }
  };
  const singles: Node[] = [];
  for (let item = 0; item < itemCount; item++) {
    const count = popcount(bitsOf[item]!);
    if (count >= minCount) singles.push({ item, bits: bitsOf[item]!, count });
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
