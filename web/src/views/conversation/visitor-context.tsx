// Where the website visitor is (issue 15): the page and its title, updated live
// by `visitor.context` events, the page they came from, browser, OS, language
// and their local time. A past conversation shows it as it was when it ended.
import { useEffect, useState } from 'react';
import type { ConversationView } from '../../api/types';
import { useI18n } from '../../i18n';
import { safeHref } from '../../lib/linkify';

type VisitorContext = NonNullable<ConversationView['visitorContext']>;

/** The visitor's wall clock from their UTC offset; the zone name when the browser knows it. */
export function visitorLocalTime(ctx: VisitorContext, now: Date, lang: string): string | null {
  if (ctx.timeZone) {
    try {
      return now.toLocaleTimeString(lang, {
        timeZone: ctx.timeZone,
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      });
    } catch {
      // An unknown zone in this browser: fall back to the offset.
    }
  }
  if (ctx.utcOffsetMin === null) return null;
  const local = new Date(now.getTime() + ctx.utcOffsetMin * 60_000);
  const sign = ctx.utcOffsetMin < 0 ? '−' : '+';
  const abs = Math.abs(ctx.utcOffsetMin);
  const offset = `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  const time = local.toLocaleTimeString(lang, {
    timeZone: 'UTC',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${time} ${offset}`;
}

function PageLink({ url, title }: { url: string; title?: string | null }) {
  const href = safeHref(url);
  const text = title || url;
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" title={url}>
      {text}
    </a>
  ) : (
    <span title={url}>{text}</span>
  );
}

export function VisitorContextView({
  context,
  live,
}: {
  context: VisitorContext;
  /** An open conversation: the visitor's clock keeps ticking. */
  live: boolean;
}) {
  const { t, lang } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, [live]);
  const time = live ? visitorLocalTime(context, now, lang) : null;
  return (
    <section className="visitor-context" aria-labelledby="visitor-title">
      <h3 id="visitor-title">{t('visitor.title')}</h3>
      <dl className="contact-fields">
        <dt>{t('visitor.page')}</dt>
        <dd className="visitor-page">
          <PageLink url={context.url} title={context.title} />
        </dd>
        <dt>{t('visitor.cameFrom')}</dt>
        <dd>{context.referrer ? <PageLink url={context.referrer} /> : t('visitor.direct')}</dd>
        {context.browser && (
          <>
            <dt>{t('visitor.browser')}</dt>
            <dd>{context.browser}</dd>
          </>
        )}
        {context.os && (
          <>
            <dt>{t('visitor.os')}</dt>
            <dd>{context.os}</dd>
          </>
        )}
        {context.language && (
          <>
            <dt>{t('visitor.language')}</dt>
            <dd>{context.language}</dd>
          </>
        )}
        {time && (
          <>
            <dt>{t('visitor.localTime')}</dt>
            <dd>{time}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
