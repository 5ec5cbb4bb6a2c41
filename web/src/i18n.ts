import { createContext, useContext } from 'react';

/** The interface in Russian and English; terms follow the project glossary. */
export type Locale = 'ru' | 'en';

const messages = {
  'app.title': { ru: 'Patron — программа лояльности', en: 'Patron — loyalty program' },
  'login.heading': { ru: 'Вход', en: 'Sign in' },
  'login.email': { ru: 'E-mail', en: 'E-mail' },
  'login.password': { ru: 'Пароль', en: 'Password' },
  'login.submit': { ru: 'Войти', en: 'Sign in' },
  'login.busy': { ru: 'Входим…', en: 'Signing in…' },
  'login.hint': {
    ru: 'Первый вход: admin@patron.local, пароль напечатан при первом запуске и сохранён в .patron/initial-admin.txt.',
    en: 'First sign-in: admin@patron.local; the password was printed on first start and saved in .patron/initial-admin.txt.',
  },
  'menu.signOut': { ru: 'Выйти', en: 'Sign out' },
  'menu.language': { ru: 'Язык', en: 'Language' },
  'home.heading': { ru: 'Обзор', en: 'Overview' },
  'home.stores': { ru: 'Магазины', en: 'Stores' },
  'home.noStores': {
    ru: 'Магазинов пока нет. Демо-сеть появится вместе с генератором демо-данных; магазины можно добавить через API.',
    en: 'No stores yet. The demo retailer arrives with the demo generator; stores can be added through the API.',
  },
  'home.system': { ru: 'Состояние системы', en: 'System status' },
  'home.apiDocs': { ru: 'Документация API', en: 'API documentation' },
  'home.errorCodes': { ru: 'Коды ошибок', en: 'Error codes' },
  'role.admin': { ru: 'администратор', en: 'admin' },
  'role.marketer': { ru: 'маркетолог', en: 'marketer' },
  'role.analyst': { ru: 'аналитик', en: 'analyst' },
  'role.support': { ru: 'поддержка', en: 'support' },
  'status.ok': { ru: 'работает', en: 'ok' },
  'status.failed': { ru: 'не отвечает', en: 'not answering' },
  'status.not_in_this_role': { ru: 'не в этой роли', en: 'not in this role' },
  'error.network': { ru: 'Сервер не отвечает. Проверьте, что Patron запущен.', en: 'The server does not answer. Check that Patron is running.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function translate(locale: Locale, key: MessageKey): string {
  return messages[key][locale];
}

const storageKey = 'patron.locale';

export function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'ru' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}

export const LocaleContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'ru',
  setLocale: () => {},
});

export function useT(): (key: MessageKey) => string {
  const { locale } = useContext(LocaleContext);
  return (key) => translate(locale, key);
}
