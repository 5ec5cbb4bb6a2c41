import type { Locale } from './i18n.ts';

const tag = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/** Kopecks as rubles in the locale's notation: 123456 → «1 234,56 ₽». */
export function money(locale: Locale, kopecks: number | null | undefined, digits = 0): string {
  if (kopecks === null || kopecks === undefined || !Number.isFinite(kopecks)) return '—';
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'RUB', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(kopecks / 100);
}

export function number(locale: Locale, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A share as percent: 0.1234 → «12,3 %»; signed adds + for gains. */
export function percent(locale: Locale, share: number | null | undefined, digits = 1, signed = false): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(tag(locale), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: signed ? 'exceptZero' : 'auto' }).format(share);
}

export function date(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}

/** Short money for chart axes: «1,5 млн ₽», «RUB 320K». */
export function compactMoney(locale: Locale, kopecks: number): string {
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'RUB', notation: 'compact', maximumFractionDigits: 1 }).format(kopecks / 100);
}

export function compactNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tag(locale), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
