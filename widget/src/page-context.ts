// Where the visitor is, for the operator (issue 15): the page's address and
// title, the page they came to the site from, the browser's language and the
// clock. Reported (POST /visitor/context) while a conversation is open: when
// the widget connects, when a conversation starts, and when the address or
// title changes (single-page sites navigate without reloading the widget).
import type { Api } from './api.js';

export interface PageReport {
  url: string;
  title: string | null;
  referrer: string | null;
  language: string | null;
  timeZone: string | null;
  utcOffsetMin: number;
}

const REFERRER_KEY = 'sbw:referrer';
const CHECK_MS = 2000;

/** The first referrer from another site in this tab: later pages only name the site's own. */
function externalReferrer(): string | null {
  try {
    const ref = document.referrer;
    if (ref && new URL(ref).origin !== location.origin) sessionStorage.setItem(REFERRER_KEY, ref);
    return sessionStorage.getItem(REFERRER_KEY) || ref || null;
  } catch {
    return document.referrer || null;
  }
}

export function pageReport(): PageReport {
  let timeZone: string | null = null;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    // Very old engines: the offset still gives the local time.
  }
  const ref = externalReferrer();
  return {
    url: location.href.slice(0, 2000),
    title: document.title.trim().slice(0, 300) || null,
    referrer: ref && /^https?:/.test(ref) ? ref.slice(0, 2000) : null,
    language: navigator.language || null,
    timeZone,
    utcOffsetMin: -new Date().getTimezoneOffset(),
  };
}

/**
 * Reports the page for the open conversation `current()` returns, once per
 * (conversation, address, title): `report()` may be called as often as
 * anything happens.
 */
export function createPageReporter(api: Api, current: () => string | null) {
  let sent = '';
  function report() {
    const c = current();
    if (!c || !/^https?:$/.test(location.protocol)) return;
    const page = pageReport();
    const sig = `${c}|${page.url}|${page.title}`;
    if (sig === sent) return;
    sent = sig;
    api('POST', '/visitor/context', page).catch(() => {
      sent = '';
    });
  }
  window.setInterval(report, CHECK_MS);
  window.addEventListener('popstate', report);
  return { report };
}
