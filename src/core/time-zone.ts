/** True for any IANA zone name the runtime knows (Europe/Moscow, Asia/Yekaterinburg, …). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
