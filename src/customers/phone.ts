/**
 * Phones are stored in E.164. Russian tills and forms send every local habit: 8 (916) 123-45-67,
 * 7 916 1234567, +7-916-123-45-67; all of them mean +79161234567.
 */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s()\-.]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  let e164: string;
  if (digits.startsWith('+')) e164 = digits;
  else if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) e164 = '+7' + digits.slice(1);
  else if (digits.length === 10 && digits.startsWith('9')) e164 = '+7' + digits;
  else e164 = '+' + digits;
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : null;
}
