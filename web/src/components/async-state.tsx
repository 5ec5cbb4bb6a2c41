import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { useT } from '../i18n.ts';

/** Runs `load` whenever `deps` change; the latest answer wins. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | null; error: Error | null; busy: boolean } {
  const [state, setState] = useState<{ data: T | null; error: Error | null; busy: boolean }>({ data: null, error: null, busy: true });
  useEffect(() => {
    let current = true;
    // What was shown answered other inputs: it goes, so that nothing mixes an old answer with a new question.
    setState({ data: null, error: null, busy: true });
    load().then(
      (data) => current && setState({ data, error: null, busy: false }),
      (error: Error) => current && setState({ data: null, error, busy: false }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}

/** What to show while loading or after a failure: the server's explanation and what to do. */
export function LoadState({ busy, error }: { busy: boolean; error: Error | null }) {
  const t = useT();
  if (error) {
    const hint = error instanceof ApiError && error.code === 'not_ready' ? t('error.analytics') : error instanceof ApiError && error.code === 'network' ? t('error.network') : null;
    return (
      <p className="error" role="alert">
        {error.message}
        {hint && <span className="hint"> {hint}</span>}
      </p>
    );
  }
  return busy ? <p className="hint" role="status">{t('state.loading')}</p> : null;
}
