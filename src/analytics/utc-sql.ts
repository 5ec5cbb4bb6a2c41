/**
 * SQL for instants (TIMESTAMPTZ, always UTC on the read side) that stays out of ICU.
 *
 * DuckDB hands every time-zone-aware operation on a TIMESTAMPTZ to ICU, even with the session in
 * UTC: `timezone('UTC', ts)`, `ts::TIMESTAMP`, `ts::DATE`, `date_trunc(…, ts)`, and a TIMESTAMP
 * written into a TIMESTAMPTZ column. That costs 100–300 ns a row: over the demo chain's 3.1 M ledger
 * movements `timezone('UTC', ts)` took 0.5 s, the scan itself 20 ms. The epoch is the same
 * microseconds in both types, so these go through it as integer arithmetic instead.
 * Comparing a TIMESTAMPTZ column with a constant needs none of this: the constant is cast once.
 */

/** An instant's UTC wall-clock time as a TIMESTAMP (what `timezone('UTC', ts)` gives). */
export function utcTime(ts: string): string {
  return `make_timestamp(epoch_us(${ts}))`;
}

/** A UTC wall-clock TIMESTAMP as the instant it names (what writing it into a TIMESTAMPTZ gives in UTC). */
export function utcInstant(timestamp: string): string {
  return `make_timestamptz(epoch_us(${timestamp}))`;
}

/** An instant's UTC month as the DATE of its first day. */
export function utcMonth(ts: string): string {
  return `date_trunc('month', ${utcTime(ts)})::DATE`;
}

/** An instant's UTC day as a DATE; day arithmetic on DATEs is integer arithmetic. */
export function utcDay(ts: string): string {
  return `(DATE '1970-01-01' + ${utcDayNumber(ts)})`;
}

/** Days since 1970-01-01 in UTC, as an INTEGER: the cheapest key to group instants by day. */
export function utcDayNumber(ts: string): string {
  return `CAST(floor(epoch_us(${ts}) / 86400000000) AS INTEGER)`;
}
