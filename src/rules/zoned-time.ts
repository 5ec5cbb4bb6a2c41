/**
 * Calendar arithmetic in a named time zone with the runtime's own tz database (Intl), so that
 * "end of month" means the end of the month in Moscow or Vladivostok, not in UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface ZonedDate {
  year: number;
  month: number;
  day: number;
}

function parts(ms: number, timeZone: string): ZonedDate & { hour: number; minute: number; second: number } {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Moscow: +3 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

export function zonedDate(ms: number, timeZone: string): ZonedDate {
  const { year, month, day } = parts(ms, timeZone);
  return { year, month, day };
}

/** The instant local midnight begins on a calendar date in the zone. */
export function startOfZonedDay(date: ZonedDate, timeZone: string): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  let instant = guess - zoneOffsetMs(guess, timeZone);
  // Once more with the offset at the result, for days on which the offset changes.
  instant = guess - zoneOffsetMs(instant, timeZone);
  return instant;
}

/** The first instant after the month, quarter or year that contains `ms`, in the zone. */
export function startOfNextPeriod(ms: number, period: 'month' | 'quarter' | 'year', timeZone: string): number {
  const { year, month } = zonedDate(ms, timeZone);
  const nextMonth = period === 'month' ? month + 1 : period === 'quarter' ? Math.floor((month - 1) / 3) * 3 + 4 : 13;
  return startOfZonedDay({ year: year + Math.floor((nextMonth - 1) / 12), month: ((nextMonth - 1) % 12) + 1, day: 1 }, timeZone);
}
