import { useContext, useMemo, useState } from 'react';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { reportCatalog } from '../catalog.ts';
import { LocaleContext, useT, type MessageKey } from '../i18n.ts';
import { Link } from '../router.tsx';

/** The whole catalog, grouped and searchable; each report opens with its form, chart and table. */
export function ReportsPage() {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const catalog = useLoad(reportCatalog, []);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const found = (catalog.data ?? []).filter((r) => !q || [r.id, r.title.ru, r.title.en, r.description[locale]].some((s) => s.toLowerCase().includes(q)));
    return [...new Set(found.map((r) => r.group))].map((g) => ({ group: g, reports: found.filter((r) => r.group === g) }));
  }, [catalog.data, query, locale]);
  return (
    <main className="page">
      <h1>{t('reports.heading')}</h1>
      <label className="search">
        {t('reports.search')}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('reports.searchHint')} data-testid="report-search" />
      </label>
      <LoadState busy={catalog.busy} error={catalog.error} />
      {catalog.data && groups.length === 0 && <p className="card">{t('reports.nothing')}</p>}
      {groups.map(({ group, reports }) => (
        <section key={group} className="card">
          <h2>{t(`group.${group}` as MessageKey)}</h2>
          <ul className="report-list">
            {reports.map((r) => (
              <li key={r.id}>
                <Link to={`/reports/${r.id}`}>{r.title[locale]}</Link>
                <span className="hint"> — {r.description[locale].split('. ')[0]}.</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
