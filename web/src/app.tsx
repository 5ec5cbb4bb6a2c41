import { useCallback, useEffect, useState } from 'react';
import { api, type Me } from './api.ts';
import { LocaleContext, initialLocale, rememberLocale, translate, type Locale, type MessageKey } from './i18n.ts';
import { AdminPage } from './pages/admin-page.tsx';
import { CampaignsPage } from './pages/campaigns-page.tsx';
import { CustomerPage } from './pages/customer-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { ImportPage } from './pages/import-page.tsx';
import { PivotPage } from './pages/pivot-page.tsx';
import { PosPage } from './pages/pos-page.tsx';
import { ProgramPage } from './pages/program-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { ReportsPage } from './pages/reports-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { SimulatorPage } from './pages/simulator-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { Link, usePath } from './router.tsx';


type Role = Me['user']['role'];
const analysts: Role[] = ['admin', 'marketer', 'analyst'];
const everyone: Role[] = ['admin', 'marketer', 'analyst', 'support'];

// Each page for the roles the API lets read it; the menu shows a person only what they may open.
const pages: { path: string; label: MessageKey; page: React.ComponentType<{ me: Me }>; roles: Role[] }[] = [
  { path: '/', label: 'nav.dashboard', page: DashboardPage, roles: analysts },
  { path: '/customers', label: 'nav.customers', page: CustomerPage, roles: everyone },
  { path: '/reports', label: 'nav.reports', page: ReportsPage, roles: analysts },
  { path: '/pivot', label: 'nav.pivot', page: PivotPage, roles: analysts },
  { path: '/campaigns', label: 'nav.campaigns', page: CampaignsPage, roles: analysts },
  { path: '/program', label: 'nav.program', page: ProgramPage, roles: analysts },
  { path: '/simulator', label: 'nav.simulator', page: SimulatorPage, roles: analysts },
  { path: '/pos', label: 'nav.pos', page: PosPage, roles: ['admin', 'support'] },
  { path: '/settings', label: 'nav.settings', page: SettingsPage, roles: ['admin', 'marketer'] },
  { path: '/import', label: 'nav.import', page: ImportPage, roles: analysts },
  { path: '/admin', label: 'nav.admin', page: AdminPage, roles: ['admin'] },
  { path: '/system', label: 'nav.overview', page: HomePage, roles: everyone },
];

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const t = (key: MessageKey) => translate(locale, key);
  const path = usePath();
  // /reports/ID opens one report; every other page is its own path.
  const reportId = /^\/reports\/([a-z]+\.[a-z0-9-]+)$/.exec(path)?.[1];
  const allowed = me ? pages.filter((p) => p.roles.includes(me.user.role)) : [];
  const Page = (allowed.find((p) => p.path === path) ?? allowed[0] ?? pages[0]!).page;

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
        {me && (
          <nav className="nav" aria-label="Patron">
            {allowed.map((p) => (
              <Link key={p.path} to={p.path}>
                {t(p.label)}
              </Link>
            ))}
          </nav>
        )}
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
      {me === undefined ? null : me === null ? <LoginPage onSignedIn={loadMe} /> : reportId ? <ReportPage id={reportId} /> : <Page me={me} />}
    </LocaleContext.Provider>
  );
}
