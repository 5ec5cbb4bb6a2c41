import { money, number, percent } from '../format.ts';
import type { Locale } from '../i18n.ts';
import type { ReportColumn } from '../catalog.ts';

/** A value as its column's unit says: kopecks as rubles, shares as percents, counts grouped. */
export function formatCell(locale: Locale, unit: ReportColumn['unit'], value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  switch (unit) {
    case 'kopecks': return money(locale, value, Math.abs(value) < 100_000 ? 2 : 0);
    case 'share': return percent(locale, value, 1);
    case 'count':
    case 'points': return number(locale, value, Number.isInteger(value) ? 0 : 2);
    case 'ratio': return number(locale, value, Math.abs(value) >= 1000 ? 0 : 3);
    default: return String(value);
  }
}
