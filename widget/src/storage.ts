// The widget's memory on the customer's site: localStorage, namespaced by
// channel key so two widgets (or two channels) on one site never mix. Storage
// can be missing or throw (private mode, blocked cookies); then the widget
// still works for the page's lifetime from an in-memory map.
import type { KeyValueStore } from './outbox.js';

function usableLocalStorage(): Storage | null {
  try {
    const s = window.localStorage;
    s.setItem('sbw:probe', '1');
    s.removeItem('sbw:probe');
    return s;
  } catch {
    return null;
  }
}

export function widgetStorage(channelKey: string): KeyValueStore {
  const prefix = `sbw:${channelKey}:`;
  const local = usableLocalStorage();
  if (!local) {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
  return {
    getItem: (key) => local.getItem(prefix + key),
    setItem(key, value) {
      try {
        local.setItem(prefix + key, value);
      } catch {
        // Quota exceeded: the value lives on in the widget's state for this page.
      }
    },
    removeItem: (key) => local.removeItem(prefix + key),
  };
}

export function readJson<T>(store: KeyValueStore, key: string): T | null {
  try {
    return JSON.parse(store.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  if (value === null || value === undefined) store.removeItem(key);
  else store.setItem(key, JSON.stringify(value));
}
