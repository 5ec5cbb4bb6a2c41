import { useCallback, useEffect, useState } from 'react';
import { api, type Me } from './api.ts';
import { LocaleContext, initialLocale, rememberLocale, translate, type Locale, type MessageKey } from './i18n.ts';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const t = (key: MessageKey) => translate(locale, key);

  const setLocale = (next: Locale) => {
    rememberLocale(next);
    setLocaleState(next);
  };

  const loadMe = useCallback(() => {
    // Any failure (no session, expired, server down) leads to the sign-in page, which explains.
    api<Me>('/v1/me').then(setMe, () => setMe(null));
  }, []);

  useEffect(() => {
    rememberLocale(locale);
    document.title = translate(locale, 'app.title');
  }, [locale]);
  useEffect(loadMe, [loadMe]);

  const signOut = async () => {
    await api('/v1/session', { method: 'DELETE' }).catch(() => {});
    setMe(null);
  };

  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <header className="topbar">
        <span className="brand">Patron</span>
        <span className="spacer" />
        <label className="locale">
          <span className="visually-hidden">{t('menu.language')}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="locale-switch">
            <option value="ru">RU</option>
            <option value="en">EN</option>
          </select>
        </label>
        {me && (
          <>
            <span className="user" data-testid="user-menu">
              {me.user.name} · {t(`role.${me.user.role}` as MessageKey)}
            </span>
            <button type="button" onClick={signOut}>
              {t('menu.signOut')}
            </button>
          </>
        )}
      </header>
      {me === undefined ? null : me === null ? <LoginPage onSignedIn={loadMe} /> : <HomePage />}
    </LocaleContext.Provider>
  );
}
