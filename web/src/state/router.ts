// A path router on the History API: the server answers every non-API path
// with index.html (src/http/routes/static.ts), so deep links work on reload.
import { createStore, useStore } from './store';

export type Route =
  | { view: 'workspace'; conversationId: string | null; seq?: number | null }
  | { view: 'find' }
  | { view: 'monitor' }
  | { view: 'dashboard' }
  | { view: 'stats' }
  | { view: 'audit'; conversationId: string | null }
  | { view: 'staffing' }
  | { view: 'replay' }
  | { view: 'admin'; section: AdminSection };

export type AdminSection =
  | 'operators'
  | 'teams'
  | 'channels'
  | 'categories'
  | 'canned'
  | 'articles'
  | 'tokens'
  | 'webhooks'
  | 'deliveries'
  | 'audit'
  | 'account';

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  'operators',
  'teams',
  'channels',
  'categories',
  'canned',
  'articles',
  'tokens',
  'webhooks',
  'deliveries',
  'audit',
  'account',
];

/** A path, with `?m=<seq>` on a conversation: open it at that message (search results). */
export function parsePath(path: string, search = ''): Route {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'find') return { view: 'find' };
  if (parts[0] === 'monitor') return { view: 'monitor' };
  if (parts[0] === 'dashboard') return { view: 'dashboard' };
  if (parts[0] === 'stats') return { view: 'stats' };
  if (parts[0] === 'audit') return { view: 'audit', conversationId: parts[1] ?? null };
  if (parts[0] === 'staffing') return { view: 'staffing' };
  if (parts[0] === 'replay') return { view: 'replay' };
  if (parts[0] === 'admin') {
    const section = ADMIN_SECTIONS.find((s) => s === parts[1]) ?? 'operators';
    return { view: 'admin', section };
  }
  if (parts[0] === 'c' && parts[1]) {
    const seq = Number(new URLSearchParams(search).get('m'));
    return Number.isInteger(seq) && seq > 0
      ? { view: 'workspace', conversationId: parts[1], seq }
      : { view: 'workspace', conversationId: parts[1] };
  }
  return { view: 'workspace', conversationId: null };
}

export function routePath(route: Route): string {
  switch (route.view) {
    case 'monitor':
      return '/monitor';
    case 'dashboard':
      return '/dashboard';
    case 'stats':
      return '/stats';
    case 'audit':
      return route.conversationId ? `/audit/${route.conversationId}` : '/audit';
    case 'staffing':
      return '/staffing';
    case 'replay':
      return '/replay';
    case 'admin':
      return `/admin/${route.section}`;
    case 'find':
      return '/find';
    case 'workspace':
      if (!route.conversationId) return '/';
      return route.seq ? `/c/${route.conversationId}?m=${route.seq}` : `/c/${route.conversationId}`;
  }
}

const here = () =>
  typeof window === 'undefined'
    ? { path: '/', search: '' }
    : { path: window.location.pathname, search: window.location.search };
export const router = createStore<Route>(parsePath(here().path, here().search));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => router.set(parsePath(here().path, here().search)));
}

export function navigate(route: Route): void {
  const path = routePath(route);
  if (typeof window !== 'undefined' && window.location.pathname + window.location.search !== path)
    window.history.pushState(null, '', path);
  router.set(route);
}

export function openConversation(conversationId: string | null, seq: number | null = null): void {
  navigate(
    seq ? { view: 'workspace', conversationId, seq } : { view: 'workspace', conversationId },
  );
}

export function useRoute(): Route {
  return useStore(router, (r) => r);
}
