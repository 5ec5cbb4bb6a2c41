import type { Estimate } from '../../models/index.ts';
import type { Text } from '../reports/report-definition.ts';

/** Minor units as money: 12345 → "123.45 ₽" (the currency sign left out for files without one). */
export function money(kopecks: number, currency: string): string {
  return `${(kopecks / 100).toFixed(2)}${currency ? ` ${currency}` : ''}`;
}

const metricWords: Record<string, Text> = {
  response_rate: { en: 'the share who bought', ru: 'доля купивших' },
  visits_per_customer: { en: 'visits per customer', ru: 'визиты на клиента' },
  revenue_per_customer: { en: 'revenue per customer', ru: 'выручка на клиента' },
  margin_per_customer: { en: 'margin per customer', ru: 'маржа на клиента' },
  average_check: { en: 'the average check', ru: 'средний чек' },
  visits_lift: { en: 'visits', ru: 'визиты' },
  spend_per_visit_lift: { en: 'spend per visit', ru: 'траты за визит' },
  revenue_lift: { en: 'revenue', ru: 'выручка' },
};

function value(x: number, unit: 'share' | 'count' | 'kopecks', currency: string): string {
  if (unit === 'share') return `${(x * 100).toFixed(2)} pp`;
  if (unit === 'kopecks') return money(x, currency);
  return x.toFixed(3);
}

function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/**
 * A plain sentence for an effect: how big, how sure, and what that means. "Significant" is at
 * the stated confidence; a non-significant effect is said to be indistinguishable from zero,
 * never "no effect".
 */
export function describeEffect(metric: string, unit: 'share' | 'count' | 'kopecks', d: Estimate, relative: Estimate | null, confidence: number, currency: string): Text {
  const what = metricWords[metric] ?? { en: metric, ru: metric };
  const pct = Math.round(confidence * 100);
  const signed = (x: number) => (x >= 0 ? '+' : '−') + value(Math.abs(x), unit, currency);
  const rel = relative && Number.isFinite(relative.estimate) ? ` (${relative.estimate >= 0 ? '+' : '−'}${Math.abs(relative.estimate * 100).toFixed(1)} %, CI ${(relative.ci_low * 100).toFixed(1)}…${(relative.ci_high * 100).toFixed(1)} %)` : '';
  const interval = `${pct}% CI ${signed(d.ci_low)}…${signed(d.ci_high)}`;
  const intervalRu = `${pct}% ДИ ${signed(d.ci_low)}…${signed(d.ci_high)}`;
  const sure = d.p_value < 1 - confidence;
  return {
    en: `Difference in ${what.en}: ${signed(d.estimate)}${rel}, ${interval}, ${pText(d.p_value)}. ${sure ? `The interval excludes zero: the difference is real at ${pct}% confidence.` : 'The interval includes zero: the data cannot tell this from no difference.'}`,
    ru: `Разница (${what.ru}): ${signed(d.estimate)}${rel.replace('CI', 'ДИ')}, ${intervalRu}, ${pText(d.p_value)}. ${sure ? `Интервал не включает ноль: разница реальна с уверенностью ${pct}%.` : 'Интервал включает ноль: по этим данным разницу нельзя отличить от нулевой.'}`,
  };
}
