// Create or change a webhook: the address and the events it gets. The
// signing secret is not edited here (it is rotated, and shown once).
import { type FormEvent, useState } from 'react';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../../src/channels/webhooks/events';
import { api } from '../../api/client';
import type { WebhookView, WebhookWithSecret } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';

export function WebhookForm({
  webhook,
  onSaved,
  onClose,
}: {
  webhook: WebhookView | null;
  /** With the secret and address when the webhook was just created (shown once). */
  onSaved: (created: { secret: string; url: string } | null) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState(webhook?.url ?? 'https://');
  const [events, setEvents] = useState<WebhookEvent[]>(
    (webhook?.events as WebhookEvent[] | undefined) ?? ['conversation.created', 'message.created'],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { url: url.trim(), events };
      if (webhook) {
        await api.patch(`/webhooks/${webhook.id}`, body);
        onSaved(null);
      } else {
        const created = await api.post<WebhookWithSecret>('/webhooks', body);
        onSaved({ secret: created.secret, url: body.url });
      }
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((list) => (on ? [...list, event] : list.filter((x) => x !== event)));
  const eventsError = fieldError(error, 'events');
  return (
    <Dialog title={webhook ? t('webhooks.edit') : t('webhooks.create')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={error} fields={['url', 'events']} />
        <Field
          label={t('webhooks.url')}
          hint={t('webhooks.urlHint')}
          error={fieldError(error, 'url')}
        >
          {(p) => (
            <input
              {...p}
              type="url"
              required
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <fieldset className={eventsError ? 'field-invalid' : undefined}>
          <legend>{t('webhooks.events')}</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="checkbox">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(e) => toggle(event, e.target.checked)}
              />
              {t(`webhookEvent.${event}`)} <code>{event}</code>
            </label>
          ))}
          {eventsError && (
            <small className="field-error" role="alert">
              {eventsError}
            </small>
          )}
        </fieldset>
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {webhook ? t('common.save') : t('common.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
