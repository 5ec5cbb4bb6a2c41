import { Random, kMeans } from '../../models/index.ts';
import type { ReportDefinition } from './report-definition.ts';
import { periodArgs, periodOnlyParams, periodReceipts, productRows, resolvePeriod } from './report-sql.ts';

/** Members clustered by what they buy: each member a vector of category shares of their spend. */
export const lifestyleClustersReport: ReportDefinition = {
  id: 'segments.lifestyle',
  group: 'segments',
  title: { ru: 'Кластеры по предпочтениям категорий', en: 'Category-preference (lifestyle) clusters' },
  description: {
    en: 'Each member who bought with their card in the period is described by the share of their spend in each category (or department); k-means (k-means++ seeding, fixed seed 42) groups members with similar shares. Per cluster: members, their revenue, and the categories with the largest shares of the cluster’s centre.',
    ru: 'Каждый участник с покупками по карте за период описан долями своих трат по категориям (или отделам); k-means (начальные центры k-means++, фиксированное зерно 42) объединяет участников с похожими долями. По кластеру: участники, их выручка и категории с наибольшими долями в центре кластера.',
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
    const rows = await store.query(
      `SELECT rc.customer_id, ${key} AS category, sum(l.amount_kopecks)::BIGINT AS spend
         FROM ${periodReceipts} rc JOIN receipt_lines l USING (receipt_id) LEFT JOIN ${productRows} pr ON pr.sku = l.sku
        WHERE rc.customer_id IS NOT NULL GROUP BY 1, 2 HAVING sum(l.amount_kopecks) > 0 ORDER BY 1, 2`,
      periodArgs(p, { buyers: 'all' }),
    );
    const categories = [...new Set(rows.map((r) => String(r['category'])))].sort();
    const members = [...new Set(rows.map((r) => String(r['customer_id'])))];
    const spend = new Map(members.map((m) => [m, new Array<number>(categories.length).fill(0)]));
    for (const r of rows) spend.get(String(r['customer_id']))![categories.indexOf(String(r['category']))] = Number(r['spend']);
    const totals = members.map((m) => spend.get(m)!.reduce((a, b) => a + b, 0));
    const shares = members.map((m, i) => spend.get(m)!.map((v) => v / totals[i]!));
    const { assignments, centroids } = kMeans(shares, params['clusters'] as number, new Random(42));
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
