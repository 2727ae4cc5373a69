// The reply box: Enter sends, Shift+Enter breaks the line, `/shortcut` offers
// canned responses with variables filled, files attach by drop, paste or button.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { CannedResponse, Contact, ConversationView } from '../../api/types';
import { useI18n } from '../../i18n';
import {
  fillCanned,
  insertCanned,
  matchCanned,
  type ShortcutQuery,
  shortcutAt,
} from '../../lib/canned';
import { useMe, useReference } from '../../lib/use-account';
import { onCommand } from '../../state/commands';
import { sendMessage } from '../../state/outbox';
import { realtime } from '../../state/sync';
import { CannedMenu } from './canned-menu';
import { DraftFiles } from './draft-files';
import { useUploads } from './use-uploads';

/** The server throttles typing signals too; this keeps the socket quiet. */
const TYPING_EVERY_MS = 2000;
/** Unsent drafts survive switching between conversations. */
const drafts = new Map<string, string>();

export function Composer({
  conversation,
  contact,
}: {
  conversation: ConversationView;
  contact: Contact | null;
}) {
  const { t } = useI18n();
  const me = useMe();
  const { canned } = useReference();
  const [draft, setDraftState] = useState(() => drafts.get(conversation.id) ?? '');
  const [query, setQuery] = useState<ShortcutQuery | null>(null);
  const [active, setActive] = useState(0);
  const [dragging, setDragging] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const lastTyping = useRef(0);
  /** Draft and caret where Escape closed the menu: browsers fire `select` again on keyup. */
  const dismissed = useRef<string | null>(null);
  const uploads = useUploads();
  const menuId = useId();
  const suggestions = query ? matchCanned(canned, query.query) : [];

  useEffect(() => onCommand((c) => c === 'focus-composer' && area.current?.focus()), []);

  function setDraft(text: string) {
    setDraftState(text);
    if (text) drafts.set(conversation.id, text);
    else drafts.delete(conversation.id);
  }

  function findQuery(text: string, caret: number) {
    setQuery(dismissed.current === `${caret}|${text}` ? null : shortcutAt(text, caret));
  }

  function update(text: string, caret: number) {
    setDraft(text);
    dismissed.current = null;
    findQuery(text, caret);
    setActive(0);
    const now = Date.now();
    if (text && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      realtime()?.typing(conversation.id);
    }
  }

  function choose(item: CannedResponse) {
    if (!query) return;
    const filled = fillCanned(item.text, {
      contactName: contact?.name ?? null,
      contactEmail: contact?.email ?? null,
      operatorName: me.operator.name,
    });
    const next = insertCanned(draft, query, filled);
    setDraft(next.draft);
    setQuery(null);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  }

  function send() {
    const text = draft.trim();
    if ((!text && uploads.ready.length === 0) || uploads.uploading) return;
    void sendMessage(conversation.id, text, uploads.ready);
    setDraft('');
    setQuery(null);
    uploads.clear();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const item = suggestions[active];
        if (item) choose(item);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        dismissed.current = `${e.currentTarget.selectionStart}|${draft}`;
        setQuery(null);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; keyboard users attach with the button
    <div
      className={`composer${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        setDragging(false);
        uploads.add(e.dataTransfer.files);
      }}
    >
      {suggestions.length > 0 && (
        <CannedMenu id={menuId} items={suggestions} active={active} onChoose={choose} />
      )}
      <DraftFiles files={uploads.files} onRemove={uploads.remove} />
      <div className="composer-row">
        <label className="visually-hidden" htmlFor={`${menuId}-text`}>
          {t('composer.label')}
        </label>
        <textarea
          ref={area}
          id={`${menuId}-text`}
          rows={3}
          value={draft}
          placeholder={t('composer.placeholder')}
          aria-keyshortcuts="Alt+M"
          aria-autocomplete="list"
          aria-controls={suggestions.length > 0 ? menuId : undefined}
          aria-activedescendant={
            suggestions.length > 0 ? `${menuId}-${suggestions[active]?.id}` : undefined
          }
          onChange={(e) => update(e.target.value, e.target.selectionStart)}
          onSelect={(e) => findQuery(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            if (e.clipboardData.files.length === 0) return;
            e.preventDefault();
            uploads.add(e.clipboardData.files);
          }}
        />
        <div className="composer-buttons">
          <label className="button attach-button">
            <input
              type="file"
              multiple
              className="visually-hidden"
              onChange={(e) => {
                if (e.target.files) uploads.add(e.target.files);
                e.target.value = '';
              }}
            />
            <span>{t('composer.attach')}</span>
          </label>
          <button
            type="button"
            className="primary"
            onClick={send}
            disabled={uploads.uploading || (!draft.trim() && uploads.ready.length === 0)}
            aria-keyshortcuts="Enter"
          >
            {t('composer.send')}
          </button>
        </div>
      </div>
      {dragging && <div className="drop-hint">{t('composer.drop')}</div>}
    </div>
  );
}
