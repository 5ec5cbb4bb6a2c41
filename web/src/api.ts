/**
 * The web app talks to the same public API as third parties. Errors arrive as problem+json;
 * ApiError keeps the stable code and the server's explanation.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `idempotent: true` sends a fresh Idempotency-Key, as every protocol write needs: a retried
 * click is a new operation by design, a network retry of the same request is not made here.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; idempotent?: boolean } = {}): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = init.body === undefined ? {} : { 'content-type': 'application/json' };
  if (init.idempotent) headers['idempotency-key'] = crypto.randomUUID();
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const problem = (data ?? {}) as { code?: string; detail?: string; title?: string };
    throw new ApiError(response.status, problem.code ?? 'unknown', problem.detail ?? problem.title ?? response.statusText);
  }
  return data as T;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'marketer' | 'analyst' | 'support';
  locale: 'ru' | 'en';
}

export interface Me {
  user: User;
  settings: { currency: string; time_zone: string; default_locale: 'ru' | 'en' };
}

export interface Store {
  id: string;
  code: string;
  name: string;
  city: string | null;
  format: string | null;
  time_zone: string;
}
