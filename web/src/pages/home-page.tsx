import { useEffect, useState } from 'react';
import { api, type Store } from '../api.ts';
import { useT, type MessageKey } from '../i18n.ts';

interface Readiness {
  status: string;
  checks: { postgres: string; duckdb: string };
}

/** The landing page until dashboards land: what exists in the chain and whether the system is healthy. */
export function HomePage() {
  const t = useT();
  const [stores, setStores] = useState<Store[] | null>(null);
  const [ready, setReady] = useState<Readiness | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ stores: Store[] }>('/v1/stores').then((r) => setStores(r.stores), (e: Error) => setError(e.message));
    api<Readiness>('/readyz').then(setReady, (e: Error) => setError(e.message));
  }, []);

  return (
    <main className="page">
      <h1>{t('home.heading')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="card">
        <h2>
          {t('home.stores')} {stores && <span className="count" data-testid="store-count">{stores.length}</span>}
        </h2>
        {stores?.length === 0 && <p>{t('home.noStores')}</p>}
        {stores && stores.length > 0 && (
          <ul>
            {stores.map((s) => (
              <li key={s.id}>
                {s.code} — {s.name}
                {s.city ? `, ${s.city}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t('home.system')}</h2>
        {ready && (
          <dl>
            <dt>PostgreSQL</dt>
            <dd data-testid="postgres-status">{t(`status.${ready.checks.postgres}` as MessageKey)}</dd>
            <dt>DuckDB</dt>
            <dd data-testid="duckdb-status">{t(`status.${ready.checks.duckdb}` as MessageKey)}</dd>
          </dl>
        )}
        <p>
          <a href="/docs">{t('home.apiDocs')}</a> · <a href="/docs/errors">{t('home.errorCodes')}</a>
        </p>
      </section>
    </main>
  );
}
