// Write first (issue 15): start a conversation with this contact on an e-mail,
// Telegram or API channel; it opens as mine and the composer sends through
// the channel as any reply does.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Contact, ConversationAnswer } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { useReference } from '../../lib/use-account';
import { openConversation } from '../../state/router';

const OUTBOUND = new Set(['email', 'telegram', 'api']);

export function StartDialog({ contact, onDone }: { contact: Contact; onDone: () => void }) {
  const { t } = useI18n();
  const channels = useReference().channels.filter((c) => OUTBOUND.has(c.kind));
  const [channelId, setChannelId] = useState(channels[0]?.id ?? '');
  const [subject, setSubject] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const email = channels.find((c) => c.id === channelId)?.kind === 'email';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<ConversationAnswer>('/conversations', {
        contactId: contact.id,
        channelId,
        ...(email && subject.trim() ? { subject: subject.trim() } : {}),
      });
      onDone();
      openConversation(res.conversation.id);
    } catch (err) {
      setError(describeError(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('start.title', { name: contact.name ?? '—' })} onClose={onDone}>
      {channels.length === 0 ? (
        <p>{t('start.none')}</p>
      ) : (
        <form onSubmit={submit} className="form" noValidate>
          <FormError error={error} fields={['channelId', 'subject']} />
          <Field label={t('start.channel')} error={fieldError(error, 'channelId')}>
            {(p) => (
              <select {...p} value={channelId} onChange={(e) => setChannelId(e.target.value)}>
                {channels.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {email && (
            <Field label={t('start.subject')} error={fieldError(error, 'subject')}>
              {(p) => (
                <input
                  {...p}
                  maxLength={200}
                  value={subject}
                  onChange={(e) => setSubject(e.target.value)}
                />
              )}
            </Field>
          )}
          <div className="form-actions">
            <button type="button" onClick={onDone}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy || !channelId}>
              {t('start.submit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
