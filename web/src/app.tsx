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
const ReportPage = lazy(() => import('./pages/report-page.tsx').then((m) => ({ default: m.ReportPage })));

const pages: { path: string; label: MessageKey; page: React.ComponentType<{ me: Me }> }[] = [
  { path: '/', label: 'nav.dashboard', page: DashboardPage },
  { path: '/customers', label: 'nav.customers', page: CustomerPage },
  { path: '/reports', label: 'nav.reports', page: ReportsPage },
  { path: '/pivot', label: 'nav.pivot', page: PivotPage },
  { path: '/campaigns', label: 'nav.campaigns', page: CampaignsPage },
  { path: '/program', label: 'nav.program', page: ProgramPage },
  { path: '/simulator', label: 'nav.simulator', page: SimulatorPage },
  { path: '/pos', label: 'nav.pos', page: PosPage },
  { path: '/system', label: 'nav.overview', page: HomePage },
];

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const t = (key: MessageKey) => translate(locale, key);
  const path = usePath();
  // /reports/ID opens one report; every other page is its own path.
  const reportId = /^\/reports\/([a-z]+\.[a-z0-9-]+)$/.exec(path)?.[1];
  const Page = reportId ? () => <ReportPage id={reportId} /> : (pages.find((p) => p.path === path) ?? pages[0]!).page;

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
            {pages.map((p) => (
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
      {me === undefined ? null : me === null ? <LoginPage onSignedIn={loadMe} /> : <Suspense fallback={null}><Page me={me} /></Suspense>}
    </LocaleContext.Provider>
  );
}
