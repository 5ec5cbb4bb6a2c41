import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, type Me } from './api.ts';
import { LocaleContext, initialLocale, rememberLocale, translate, type Locale, type MessageKey } from './i18n.ts';
import { HomePage } from './pages/home-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { Link, usePath } from './router.tsx';

// Pages with charts load with the charting library, on first visit: sign-in and the overview stay light.
const CampaignsPage = lazy(() => import('./pages/campaigns-page.tsx').then((m) => ({ default: m.CampaignsPage })));
const ProgramPage = lazy(() => import('./pages/program-page.tsx').then((m) => ({ default: m.ProgramPage })));
const SimulatorPage = lazy(() => import('./pages/simulator-page.tsx').then((m) => ({ default: m.SimulatorPage })));
const ReportsPage = lazy(() => import('./pages/reports-page.tsx').then((m) => ({ default: m.ReportsPage })));
const PivotPage = lazy(() => import('./pages/pivot-page.tsx').then((m) => ({ default: m.PivotPage })));
const CustomerPage = lazy(() => import('./pages/customer-page.tsx').then((m) => ({ default: m.CustomerPage })));
const PosPage = lazy(() => import('./pages/pos-page.tsx').then((m) => ({ default: m.PosPage })));
const DashboardPage = lazy(() => import('./pages/dashboard-page.tsx').then((m) => ({ default: m.DashboardPage })));
const SettingsPage = lazy(() => import('./pages/settings-page.tsx').then((m) => ({ default: m.SettingsPage })));
const ImportPage = lazy(() => import('./pages/import-page.tsx').then((m) => ({ default: m.ImportPage })));
const AdminPage = lazy(() => import('./pages/admin-page.tsx').then((m) => ({ default: m.AdminPage })));
const ReportPage = lazy(() => import('./pages/report-page.tsx').then((m) => ({ default: m.ReportPage })));

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
      {me === undefined ? null : me === null ? <LoginPage onSignedIn={loadMe} /> : <Suspense fallback={null}>{reportId ? <ReportPage id={reportId} /> : <Page me={me} />}</Suspense>}
    </LocaleContext.Provider>
  );
}
