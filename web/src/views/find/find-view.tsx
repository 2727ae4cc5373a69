// Find (issue 15): full-text search over messages and contacts, and every
// conversation I may see — open, closed, filtered. Loaded on first visit.
import { useState } from 'react';
import '../../styles/find.css';
import { useI18n } from '../../i18n';
import { ConversationBrowser } from './conversation-browser';
import { SearchPanel } from './search-panel';

type Tab = 'search' | 'browse';

export function FindView() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('search');
  const tabs: [Tab, string][] = [
    ['search', t('find.tabSearch')],
    ['browse', t('find.tabBrowse')],
  ];
  return (
    <div className="page find-page">
      <h1>{t('find.title')}</h1>
      <div role="tablist" aria-label={t('find.title')} className="find-tabs">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`find-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`find-panel-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`find-panel-${tab}`} aria-labelledby={`find-tab-${tab}`}>
        {tab === 'search' ? <SearchPanel /> : <ConversationBrowser />}
      </div>
    </div>
  );
}
