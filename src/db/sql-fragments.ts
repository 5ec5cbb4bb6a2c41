/**
 * A timestamptz column as an ISO 8601 UTC string with milliseconds (`2026-11-23T12:00:00.000Z`),
 * the form every API answer uses, whatever the session's time zone.
 */
export function isoUtc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
