/** Days since 1970-01-01 — how the customer models count time — to and from YYYY-MM-DD. */
export const dayMs = 86_400_000;

export function isoDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

export function epochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / dayMs);
}
