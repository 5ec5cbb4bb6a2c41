import { associationRules, basketBitsOfPairs, frequentItemsets } from '../basket/frequent-itemsets.ts';
import type { ReportDefinition } from './report-definition.ts';
import { periodOnlyParams, periodLines, productRows, resolvePeriod, sourceParam } from './report-sql.ts';

/** Association rules over receipts as baskets, at product or category level. */
export const associationRulesReport: ReportDefinition = {
  id: 'basket.association-rules',
  group: 'baskets',
  title: { ru: 'Ассоциативные правила', en: 'Association rules' },
  description: {
    en: 'Every receipt of the period (the last 28 days with data by default) is a basket: the set of its products (or of their categories). An itemset is frequent when the baskets holding all of it, divided by all baskets, reach the minimum support. A rule X ⇒ y comes from a frequent itemset X ∪ {y}: confidence = baskets with X and y / baskets with X, lift = confidence / share of baskets with y. Rules have one item on the right, as in arules; they are sorted by lift.',
    ru: 'Каждый чек периода (по умолчанию — последние 28 дней с данными) — корзина: множество его товаров (или их категорий). Набор частый, если доля корзин, содержащих его целиком, не меньше минимальной поддержки. Правило X ⇒ y строится из частого набора X ∪ {y}: достоверность = корзины с X и y / корзины с X, лифт = достоверность / доля корзин с y. Справа один товар, как в arules; правила упорядочены по лифту.',
  },
  params: [
    ...periodOnlyParams,
    { name: 'min_support', title: { ru: 'Минимальная поддержка', en: 'Minimum support' }, type: 'number', default: 0.001, min: 1e-7, max: 1 },
    { name: 'min_confidence', title: { ru: 'Минимальная достоверность', en: 'Minimum confidence' }, type: 'number', default: 0.8, min: 0, max: 1 },
    { name: 'max_length', title: { ru: 'Наибольшая длина набора', en: 'Maximum itemset length' }, type: 'number', default: 10, min: 2, max: 20, integer: true },
    { name: 'level', title: { ru: 'Уровень', en: 'Level' }, type: 'enum', default: 'product', values: ['product', 'category'] },
    sourceParam,
    { name: 'limit', title: { ru: 'Сколько правил показать', en: 'Rules to show' }, type: 'number', default: 1000, min: 1, max: 1_000_000, integer: true },
  ],
  columns: [
    { name: 'lhs', title: { ru: 'Если в корзине', en: 'If the basket holds' }, unit: 'text' },
    { name: 'rhs', title: { ru: 'то в ней и', en: 'then it also holds' }, unit: 'text' },
    { name: 'baskets', title: { ru: 'Корзин', en: 'Baskets' }, unit: 'count' },
    { name: 'support', title: { ru: 'Поддержка', en: 'Support' }, unit: 'share' },
    { name: 'confidence', title: { ru: 'Достоверность', en: 'Confidence' }, unit: 'share' },
    { name: 'lift', title: { ru: 'Лифт', en: 'Lift' }, unit: 'ratio' },
  ],
  chart: { type: 'scatter', x: 'support', y: 'confidence' },
  async run(store, params) {
    const item = params['level'] === 'category' ? `coalesce(p.category_code, l.sku)` : `coalesce(p.name, l.sku)`;
    const period = await resolvePeriod(store, params);
    // Lines carry no source of their own: one source's are those of its receipts.
    const source = (params['source'] as string | null) ?? null;
    const args = source === null ? [period.from, period.until, 'all'] : [period.from, period.until, 'all', source];
    const lines = `SELECT l.receipt_key, ${item} AS item FROM ${periodLines(period)} l LEFT JOIN ${productRows} p ON p.sku = l.sku
                   ${source === null ? '' : 'SEMI JOIN (SELECT receipt_key FROM receipts WHERE source = $4::VARCHAR) r USING (receipt_key)'}`;
    // Items become numbers in SQL (by name order), and baskets arrive as (basket, item) pairs in
    // typed arrays, baskets numbered 1 … n: building a JavaScript string per item of every basket
    // took most of the time, and a JavaScript list per basket still half of it.
    const ids = `ids AS (SELECT item, (row_number() OVER (ORDER BY item) - 1)::INTEGER AS id FROM (SELECT DISTINCT item FROM lines))`;
    const names = (await store.query(`WITH lines AS (${lines}), ${ids} SELECT item FROM ids ORDER BY id`, args)).map((r) => String(r['item']));
    const pairs = await store.arrays(
      // Each receipt's distinct items, then the receipts numbered apart: a list per receipt,
      // unnested after, took a third longer.
      `WITH lines AS (${lines}), ${ids},
            pairs AS (SELECT DISTINCT receipt_key, id FROM lines JOIN ids USING (item)),
            numbered AS (SELECT receipt_key, (row_number() OVER ())::INTEGER AS basket FROM (SELECT DISTINCT receipt_key FROM pairs))
       SELECT basket, id FROM pairs JOIN numbered USING (receipt_key)`,
      args,
    );
    const bits = basketBitsOfPairs(pairs['basket'] as Int32Array, pairs['id'] as Int32Array, names.length);
    const sets = frequentItemsets(bits, { minSupport: params['min_support'] as number, maxLength: params['max_length'] as number });
    const rules = associationRules(sets, bits.basketCount, { minConfidence: params['min_confidence'] as number });
    // Ties broken by the rule's text, so the order never depends on the order items were met.
    return rules
      .map((r) => ({ lhs: r.lhs.map((i) => names[i]!).sort().join(', '), rhs: names[r.rhs]!, baskets: r.count, support: r.support, confidence: r.confidence, lift: r.lift }))
      .sort((a, b) => b.lift - a.lift || b.confidence - a.confidence || b.baskets - a.baskets || (a.lhs < b.lhs ? -1 : a.lhs > b.lhs ? 1 : a.rhs < b.rhs ? -1 : 1))
      .slice(0, params['limit'] as number);
  },
};
