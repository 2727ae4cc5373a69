// Live monitor data: GET /monitor, refreshed on relevant events (debounced)
// and every few seconds as a safety net; assigned conversations for reassigning.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { ConversationPage, ConversationView, Monitor } from '../../api/types';
import { onEvent } from '../../state/sync';
import { currentTime } from '../../state/ticker';

const REFRESH_MS = 5000;
const DEBOUNCE_MS = 400;

export interface MonitorData {
  monitor: Monitor | null;
  /** Local time the monitor was fetched, to keep "longest wait" running between fetches. */
  fetchedAt: number;
  assigned: ConversationView[];
  error: unknown;
}

export function useMonitor(): MonitorData & { refresh: () => void } {
  const [data, setData] = useState<MonitorData>({
    monitor: null,
    fetchedAt: 0,
    assigned: [],
    error: null,
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshRef = useRef<() => void>(() => {});

  useEffect(() => {
    let live = true;
    async function load() {
      const [monitor, assigned] = await Promise.allSettled([
        api.get<Monitor>('/monitor'),
        api.get<ConversationPage>('/conversations?state=assigned&limit=5000'),
      ]);
      if (!live) return;
      setData((d) => ({
        monitor: monitor.status === 'fulfilled' ? monitor.value : d.monitor,
        fetchedAt: currentTime(),
        assigned: assigned.status === 'fulfilled' ? assigned.value.conversations : d.assigned,
        error: monitor.status === 'rejected' ? monitor.reason : null,
      }));
    }
    const schedule = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(), DEBOUNCE_MS);
    };
    refreshRef.current = schedule;
    void load();
    const interval = setInterval(() => void load(), REFRESH_MS);
    const off = onEvent((e) => {
      if (e.type.startsWith('conversation.') || e.type === 'operator.updated') schedule();
    });
    return () => {
      live = false;
      clearInterval(interval);
      if (timer.current) clearTimeout(timer.current);
      off();
    };
  }, []);

  return { ...data, refresh: () => refreshRef.current() };
}
