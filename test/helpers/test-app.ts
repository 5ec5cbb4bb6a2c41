import { buildApp, createApiKey, createUser, LoginThrottle, type App, type UserRole } from '../../src/api/index.ts';
import { openAnalyticsStore, type AnalyticsStore } from '../../src/analytics/index.ts';
import { createStore, type Store } from '../../src/catalog/index.ts';
import { loadConfig, type Config } from '../../src/config/index.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestApp {
  app: App;
  db: TestDatabase;
  analytics: AnalyticsStore;
  config: Config;
  close(): Promise<void>;
}

/** The real Fastify app on a fresh database and an in-memory DuckDB, driven with app.inject. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const analytics = await openAnalyticsStore(':memory:');
  await analytics.migrate();
  const config = loadConfig({ PATRON_HOME: '/tmp/patron-unused', PATRON_LOG_LEVEL: 'silent', ...env });
  const app = await buildApp(
    { config, pool: db.pool, analytics, loginThrottle: new LoginThrottle(), version: 'test' },
    { logger: false },
  );
  return {
    app,
    db,
    analytics,
    config,
    async close() {
      await app.close();
      analytics.close();
      await db.drop();
    },
  };
}

let counter = 0;

/** A user with the given role, signed in: returns the cookie header to send. */
export async function signIn(t: TestApp, role: UserRole): Promise<{ cookie: string; email: string }> {
  const email = `${role}${++counter}@example.test`;
  const password = 'correct horse battery';
  await createUser(t.db.pool, { email, name: role, role, password });
  const response = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const setCookie = String(response.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, email };
}

export async function addStore(t: TestApp, code: string): Promise<Store> {
  return createStore(t.db.pool, { code, name: `Store ${code}`, time_zone: 'Europe/Moscow' });
}

export async function apiKeyFor(t: TestApp, store: Store | null): Promise<string> {
  return (await createApiKey(t.db.pool, { name: 'test key', storeId: store?.id ?? null, createdBy: null })).token;
}
