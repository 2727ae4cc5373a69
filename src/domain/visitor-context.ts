/**
 * What the operator knows about a website visitor's situation: the page they
 * are on, where they came from, their browser, OS, language and clock
 * (issue 15). Stored with the conversation, so history shows it as it was.
 */
import type { UserAgentInfo } from './user-agent.js';

export interface VisitorContext {
  /** The page the visitor is on (http or https). */
  url: string;
  title: string | null;
  /** The page they came from to the site, kept from the first report of the conversation. */
  referrer: string | null;
  browser: string | null;
  os: string | null;
  /** The browser's language tag, e.g. "uk-UA". */
  language: string | null;
  /** IANA time zone of the visitor's clock, e.g. "Europe/Kyiv". */
  timeZone: string | null;
  /** Minutes east of UTC of the visitor's clock when reported (so local time shows without the zone database). */
  utcOffsetMin: number | null;
  /** When the widget last reported (ISO 8601). */
  updatedAt: string;
}

export interface VisitorReport {
  url: string;
  title: string | null;
  referrer: string | null;
  language: string | null;
  timeZone: string | null;
  utcOffsetMin: number | null;
}

/**
 * The conversation's context after a report: the current page and clock
 * follow the visitor; the page they came from stays the first one seen, since
 * moving around the site makes every later referrer one of its own pages.
 */
export function mergeVisitorContext(
  previous: VisitorContext | null,
  report: VisitorReport,
  agent: UserAgentInfo,
  now: Date,
): VisitorContext {
  return {
    url: report.url,
    title: report.title,
    referrer: previous?.referrer ?? report.referrer,
    browser: agent.browser,
    os: agent.os,
    language: report.language,
    timeZone: report.timeZone,
    utcOffsetMin: report.utcOffsetMin,
    updatedAt: now.toISOString(),
  };
}

/** The same page, title and clock: nothing worth an event. */
export function sameVisit(a: VisitorContext | null, b: VisitorContext): boolean {
  return (
    !!a &&
    a.url === b.url &&
    a.title === b.title &&
    a.browser === b.browser &&
    a.os === b.os &&
    a.language === b.language &&
    a.timeZone === b.timeZone &&
    a.utcOffsetMin === b.utcOffsetMin
  );
}
