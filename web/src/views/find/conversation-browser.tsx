// Every conversation I may see, open or closed, filtered by state, channel,
// team, operator, category and creation period; newest first, "Show more"
// pages by the server's cursor.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ConversationPage } from '../../api/types';
import { ChannelBadge } from '../../components/channel-badge';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLookups, useReference } from '../../lib/use-account';
import { openConversation } from '../../state/router';

interface Filters {
  state: 'open' | 'closed' | '';
  channelId: string;
  teamId: string;
  operatorId: string;
  categoryId: string;
  from: string;
  to: string;
}

const NONE: Filters = {
  state: 'open',
  channelId: '',
  teamId: '',
  operatorId: '',
  categoryId: '',
  from: '',
  to: '',
};

/** The list's query: whole local days, `to` day included (sent as the next day's start). */
export function browseQuery(f: Filters, cursor: string | null): string {
  const p = new URLSearchParams({ limit: '50' });
  if (f.state) p.set('state', f.state);
  for (const key of ['channelId', 'teamId', 'operatorId', 'categoryId'] as const)
    if (f[key]) p.set(key, f[key]);
  if (f.from) p.set('from', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) {
    const end = new Date(`${f.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    p.set('to', end.toISOString());
  }
  if (cursor) p.set('cursor', cursor);
  return `/conversations?${p}`;
}

export function ConversationBrowser() {
  const { t, lang } = useI18n();
  const ref = useReference();
  const lookups = useLookups();
  const [filters, setFilters] = useState<Filters>(NONE);
  const [page, setPage] = useState<ConversationPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(cursor: string | null) {
    setBusy(true);
    setError(null);
    try {
      const next = await api.get<ConversationPage>(browseQuery(filters, cursor));
      setPage((prev) =>
        cursor && prev
          ? { ...next, conversations: [...prev.conversations, ...next.conversations] }
          : next,
      );
    } catch (err) {
      setError(describeError(t, err).message);
    } finally {
      setBusy(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a filter changes
  useEffect(() => {
    void load(null);
  }, [filters]);

  const set = (key: keyof Filters) => (value: string) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const select = (
    key: 'channelId' | 'teamId' | 'operatorId' | 'categoryId',
    label: string,
    options: { id: string; name: string }[],
  ) => (
    <label>
      {label}
      <select value={filters[key]} onChange={(e) => set(key)(e.target.value)}>
        <option value="">{t('browse.any')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="browse">
      <div className="filters browse-filters">
        <label>
          {t('browse.state')}
          <select value={filters.state} onChange={(e) => set('state')(e.target.value)}>
            <option value="open">{t('browse.stateOpen')}</option>
            <option value="closed">{t('browse.stateClosed')}</option>
            <option value="">{t('browse.stateAll')}</option>
          </select>
        </label>
        {select('channelId', t('browse.channel'), ref.channels)}
        {select('teamId', t('browse.team'), ref.teams)}
        {select('operatorId', t('browse.operator'), ref.operators)}
        {select('categoryId', t('browse.category'), ref.categories)}
        <label>
          {t('browse.from')}
          <input type="date" value={filters.from} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label>
          {t('browse.to')}
          <input type="date" value={filters.to} onChange={(e) => set('to')(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {page && page.conversations.length === 0 && <p className="empty">{t('browse.empty')}</p>}
      {page && page.conversations.length > 0 && (
        <table className="report-table browse-table">
          <thead>
            <tr>
              <th scope="col">{t('browse.contact')}</th>
              <th scope="col">{t('browse.channel')}</th>
              <th scope="col">{t('browse.state')}</th>
              <th scope="col">{t('browse.operator')}</th>
              <th scope="col">{t('browse.created')}</th>
            </tr>
          </thead>
          <tbody>
            {page.conversations.map((c) => (
              <tr key={c.id}>
                <td>
                  <a
                    href={`/c/${c.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      openConversation(c.id);
                    }}
                  >
                    {c.contactName ?? t('author.contact')}
                  </a>
                </td>
                <td>
                  <ChannelBadge channel={lookups.channel(c.channelId)} />
                </td>
                <td>{t(`state.${c.state}`)}</td>
                <td>{lookups.operator(c.operatorId)?.name ?? '—'}</td>
                <td>{formatDateTime(c.createdAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.nextCursor && (
        <button type="button" disabled={busy} onClick={() => void load(page.nextCursor)}>
          {t('find.more')}
        </button>
      )}
    </div>
  );
}
