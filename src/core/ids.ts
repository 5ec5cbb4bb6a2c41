import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-ordered identifiers (`cus_…`, `rcp_…`): the prefix says what a thing is in logs
 * and support tickets; the leading timestamp keeps B-tree inserts local and ids sortable by age.
 * Layout: 10 chars of milliseconds + 16 random chars, Crockford base32 (no I, L, O, U).
 */
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

export const idPrefixes = [
  'usr', // user of the web app
  'ses', // session (the id is never stored, only its hash)
  'key', // API key
  'sto', // store
  'req', // request
  'cus', // customer
  'trf', // ledger transfer
  'lot', // ledger lot: one earn, spendable until it expires
  'hld', // hold: points reserved for an e-shop order
  'rcp', // receipt
  'ret', // return or cancellation of a receipt
  'cmp', // campaign
  'fit', // a customer-model fit (read side)
  'imp', // an import job
] as const;
export type IdPrefix = (typeof idPrefixes)[number];

export function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = alphabet[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export function randomChars(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % 32];
  return out;
}

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  return idFrom(prefix, now, randomChars(16));
}

/** An id whose random part the caller supplies (16 alphabet chars): seeded generators stay reproducible. */
export function idFrom(prefix: IdPrefix, now: number, tail: string): string {
  if (!/^[0-9a-hjkmnp-tv-z]{16}$/.test(tail)) throw new RangeError(`id tail ${tail} is not 16 base32 characters`);
  return `${prefix}_${encodeTime(now)}${tail}`;
}

export const idAlphabet = alphabet;

const idPattern = /^([a-z]{3})_[0-9a-hjkmnp-tv-z]{26}$/;

export function isId(value: string, prefix: IdPrefix): boolean {
  const match = idPattern.exec(value);
  return match !== null && match[1] === prefix;
}
