import { useContext, useState, type FormEvent } from 'react';
import { api, type Store } from '../api.ts';
import { LoadState, useLoad } from '../components/async-state.tsx';
import { date } from '../format.ts';
import { LocaleContext, useT, type MessageKey } from '../i18n.ts';

interface User { id: string; email: string; name: string; role: string; created_at: string; disabled: boolean }
interface ApiKey { id: string; name: string; store_code: string | null; created_at: string; last_used_at: string | null; revoked: boolean }
const roles = ['admin', 'marketer', 'analyst', 'support'] as const;

/** Who may do what: the web app's users and their roles, the tills' and e-shops' API keys. */
export function AdminPage() {
  const t = useT();
  const { locale } = useContext(LocaleContext);
  const [version, setVersion] = useState(0);
  const users = useLoad(() => api<{ users: User[] }>('/v1/users'), [version]);
  const keys = useLoad(() => api<{ api_keys: ApiKey[] }>('/v1/api-keys'), [version]);
  const stores = useLoad(() => api<{ stores: Store[] }>('/v1/stores'), []);
  const [user, setUser] = useState({ email: '', name: '', role: 'marketer', password: '' });
  const [key, setKey] = useState({ name: '', store: '' });
  const [token, setToken] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (text: string) => () => { setMessage({ ok: true, text }); setVersion((v) => v + 1); };
  const fail = (e: Error) => setMessage({ ok: false, text: e.message });
  const addUser = (e: FormEvent) => { e.preventDefault(); api('/v1/users', { method: 'POST', body: user }).then(done(t('admin.userCreated')), fail); };
  const addKey = (e: FormEvent) => {
    e.preventDefault();
    api<{ token: string }>('/v1/api-keys', { method: 'POST', body: { name: key.name, ...(key.store ? { store: key.store } : {}) } }).then((r) => { setToken(r.token); done(t('admin.keyCreated'))(); }, fail);
  };
  const revoke = (id: string) => api(`/v1/api-keys/${id}/revoke`, { method: 'POST', body: {} }).then(done(t('admin.keyRevoked')), fail);
  return (
    <main className="page">
      <h1>{t('admin.heading')}</h1>
      {message && <p className={message.ok ? 'ok card' : 'error card'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      <div className="grid-2">
        <section className="card">
          <h2>{t('admin.users')}</h2>
          <LoadState busy={users.busy && !users.data} error={users.error} />
          <table className="data" data-testid="admin-users"><tbody>{users.data?.users.map((u) => <tr key={u.id}><td>{u.name}</td><td>{u.email}</td><td>{t(`role.${u.role}` as MessageKey)}</td><td>{u.disabled ? t('admin.disabled') : ''}</td></tr>)}</tbody></table>
          <form className="stack" onSubmit={addUser} aria-label={t('admin.newUser')}>
            <strong>{t('admin.newUser')}</strong>
            <label>E-mail<input type="email" required value={user.email} onChange={(e) => setUser({ ...user, email: e.target.value })} /></label>
            <label>{t('settings.name')}<input required value={user.name} onChange={(e) => setUser({ ...user, name: e.target.value })} /></label>
            <label>{t('admin.role')}<select value={user.role} onChange={(e) => setUser({ ...user, role: e.target.value })}>{roles.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}</select></label>
            <label>{t('login.password')}<input type="password" required minLength={10} autoComplete="new-password" value={user.password} onChange={(e) => setUser({ ...user, password: e.target.value })} /></label>
            <button type="submit">{t('admin.create')}</button>
          </form>
        </section>
        <section className="card">
          <h2>{t('admin.keys')}</h2>
          <LoadState busy={keys.busy && !keys.data} error={keys.error} />
          <table className="data" data-testid="admin-keys">
            <thead><tr><th>{t('settings.name')}</th><th>{t('pos.store')}</th><th>{t('admin.lastUsed')}</th><th /></tr></thead>
            <tbody>{keys.data?.api_keys.map((k) => <tr key={k.id}><td>{k.name}</td><td>{k.store_code ?? t('admin.chainWide')}</td><td>{date(locale, k.last_used_at)}</td><td>{k.revoked ? t('admin.revoked') : <button type="button" className="link" onClick={() => revoke(k.id)}>{t('admin.revoke')}</button>}</td></tr>)}</tbody>
          </table>
          <form className="stack" onSubmit={addKey} aria-label={t('admin.newKey')}>
            <strong>{t('admin.newKey')}</strong>
            <label>{t('settings.name')}<input required value={key.name} onChange={(e) => setKey({ ...key, name: e.target.value })} data-testid="key-name" /></label>
            <label>{t('pos.store')}<select value={key.store} onChange={(e) => setKey({ ...key, store: e.target.value })}><option value="">{t('admin.chainWide')}</option>{stores.data?.stores.map((s) => <option key={s.id} value={s.code}>{s.code}</option>)}</select></label>
            <button type="submit">{t('admin.create')}</button>
          </form>
          {token && <p className="token" data-testid="key-token">{t('admin.tokenOnce')} <code>{token}</code></p>}
        </section>
      </div>
    </main>
  );
}
