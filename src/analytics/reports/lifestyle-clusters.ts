import { Random, kMeans } from '../../models/index.ts';
import type { ReportDefinition } from './report-definition.ts';
import { periodArgs, periodOnlyParams, periodLines, productRows, resolvePeriod } from './report-sql.ts';

/** Members clustered by what they buy: each member a vector of category shares of their spend. */
export const lifestyleClustersReport: ReportDefinition = {
  id: 'segments.lifestyle',
  group: 'segments',
  title: { ru: 'Кластеры по предпочтениям категорий', en: 'Category-preference (lifestyle) clusters' },
  description: {
    en: 'Each member who bought with their card in the period is described by the share of their spend in each category (or department); k-means (k-means++ seeding, fixed seed 42) groups members with similar shares; beyond 10,000 members the centres are fitted on a seeded sample of 10,000 and every member joins the nearest. Per cluster: members, their revenue, and the categories with the largest shares of the cluster’s centre.',
    ru: 'Каждый участник с покупками по карте за период описан долями своих трат по категориям (или отделам); k-means (начальные центры k-means++, фиксированное зерно 42) объединяет участников с похожими долями; если участников больше 10 000, центры находятся по случайной (с фиксированным зерном) выборке из 10 000, а каждый участник относится к ближайшему. По кластеру: участники, их выручка и категории с наибольшими долями в центре кластера.',
  },
  params: [
    ...periodOnlyParams,
    { name: 'clusters', title: { ru: 'Число кластеров', en: 'Clusters' }, type: 'number', default: 5, min: 2, max: 12, integer: true },
    { name: 'level', title: { ru: 'Уровень', en: 'Level' }, type: 'enum', default: 'category', values: ['category', 'department'] },
  ],
  columns: [
    { name: 'cluster', title: { ru: 'Кластер', en: 'Cluster' }, unit: 'count' },
    { name: 'members', title: { ru: 'Участники', en: 'Members' }, unit: 'count' },
    { name: 'revenue_kopecks', title: { ru: 'Выручка', en: 'Revenue' }, unit: 'kopecks' },
    { name: 'top_categories', title: { ru: 'Главные категории', en: 'Leading categories' }, unit: 'text' },
  ],
  chart: { type: 'bar', x: 'cluster', y: 'members' },
  async run(store, params) {
    const p = await resolvePeriod(store, params);
    const key = params['level'] === 'department' ? `coalesce(pr.category_path[1], pr.category_code, '—')` : `coalesce(pr.category_code, '—')`;
    // Arrays rather than row objects, and categories by index: a chain has a million member-category
    // pairs. Members by their key (reading the id strings cost most of the query), numbered in its
    // order, so the seeded sample below always draws the same members. Categories are numbered in
    // SQL over the products' own (a few thousand rows), in their sorted order: reading each pair's
    // category as a string, then indexing them, took 0.15–0.25 s more over the 5 M chain's four
    // weeks. A category no member bought in the period is a dimension of zeros, which changes no
    // distance and no centre.
    const categoryList = `SELECT DISTINCT ${key} AS category FROM ${productRows} pr UNION SELECT '—'`;
    const categories = (await store.query(`SELECT category FROM (${categoryList}) ORDER BY category`)).map((r) => String(r['category']));
    const cols = await store.arrays(
      `WITH ids AS (SELECT category, (row_number() OVER (ORDER BY category) - 1)::INTEGER AS id FROM (${categoryList}))
       SELECT (dense_rank() OVER (ORDER BY customer_key) - 1)::INTEGER AS member, ids.id AS category, spend FROM (
         SELECT l.customer_key, ${key} AS category, sum(l.amount_kopecks)::DOUBLE AS spend
           FROM ${periodLines(p)} l LEFT JOIN ${productRows} pr ON pr.sku = l.sku
          WHERE l.customer_key IS NOT NULL GROUP BY 1, 2 HAVING sum(l.amount_kopecks) > 0) x JOIN ids USING (category)`,
      periodArgs(p, { buyers: 'all' }),
    );
    const memberOf = cols['member'] as Int32Array;
    const categoryOf = cols['category'] as Int32Array;
    const amounts = cols['spend'] as Float64Array;
    // Each member's spend as the few categories they bought (a member buys in a handful of the
    // chain's categories, and dense vectors for every member cost more than the clustering).
    const members = Array.from({ length: memberOf.reduce((n, m) => Math.max(n, m + 1), 0) }, () => ({ categories: [] as number[], spend: [] as number[] }));
    for (let i = 0; i < memberOf.length; i++) {
      const member = members[memberOf[i]!]!;
      member.categories.push(categoryOf[i]!);
      member.spend.push(amounts[i]!);
    }
    const totals = members.map((m) => m.spend.reduce((a, b) => a + b, 0));
    const dense = (i: number) => {
      const shares = new Array<number>(categories.length).fill(0);
      members[i]!.categories.forEach((c, j) => (shares[c] = members[i]!.spend[j]! / totals[i]!));
      return shares;
    };
    // Beyond 10,000 members the centres are fitted on a seeded sample of them and every member then
    // joins its nearest centre, at a fraction of the work. The same data always gives the same
    // clusters, but not every sample does: on the 5-million-receipt chain, three samples gave one
    // large mixed cluster and four niche ones (dairy, by-weight, sauces, meat, drinks, tea…), the
    // niches differing between samples, also as the best of 8 k-means++ starts (1.6 s): the demo's
    // members have no five well-separated category profiles.
    const rng = new Random(42);
    const sample = members.length > 10_000 ? sampleOf(members.map((_, i) => i), 10_000, rng).map(dense) : members.map((_, i) => dense(i));
    const { centroids } = kMeans(sample, params['clusters'] as number, rng);
    // |x − c|² = |c|² − 2 x·c + |x|², with x·c and |x|² over the member's own categories only.
    const centreNorms = centroids.map((c) => c.reduce((s, v) => s + v * v, 0));
    const assignments = members.map((m, i) => {
      let norm = 0;
      for (const v of m.spend) norm += (v / totals[i]!) ** 2;
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < centroids.length; c++) {
        let dot = 0;
        for (let j = 0; j < m.categories.length; j++) dot += (m.spend[j]! / totals[i]!) * centroids[c]![m.categories[j]!]!;
        const distance = centreNorms[c]! - 2 * dot + norm;
        if (distance < bestDistance) {
          best = c;
          bestDistance = distance;
        }
      }
      return best;
    });
    const clusters = centroids.map((centre, c) => ({
      members: assignments.filter((a) => a === c).length,
      revenue: totals.reduce((s, t, i) => s + (assignments[i] === c ? t : 0), 0),
      top: centre
        .map((share, d) => ({ name: categories[d]!, share }))
        .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name))
        .slice(0, 3)
        .filter((x) => x.share > 0)
        .map((x) => `${x.name} ${Math.round(x.share * 100)}%`)
        .join(', '),
    }));
    return clusters
      .filter((c) => c.members > 0)
      .sort((a, b) => b.members - a.members || b.revenue - a.revenue)
      .map((c, i) => ({ cluster: i + 1, members: c.members, revenue_kopecks: c.revenue, top_categories: c.top }));
  },
};

/** `size` of the points, picked without replacement by a partial Fisher–Yates shuffle. */
function sampleOf<T>(points: readonly T[], size: number, rng: Random): T[] {
  const order = points.map((_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(order.length - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, size).map((i) => points[i]!);
}
