// One GET whose path may change: the latest answer wins, earlier ones are
// dropped, so fast filter changes never show a stale table.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (under /api/v1) whenever it changes; null waits without a request. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [gen, setGen] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `gen` forces a refetch of the same path
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, gen]);
  const reload = useCallback(() => setGen((g) => g + 1), []);
  return { ...state, reload };
}
