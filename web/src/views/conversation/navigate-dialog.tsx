// "Go to URL": the widget opens this page for the visitor. Only http(s) URLs
// are offered; the server also checks them against the channel's origins.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { ConversationView } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { safeHref } from '../../lib/linkify';
import { toast } from '../../state/toasts';

export function NavigateDialog({
  conversation,
  onDone,
}: {
  conversation: ConversationView;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState('https://');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const href = safeHref(url.trim());
    if (!href) {
      setError({ message: t('navigate.invalid'), field: 'url' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/conversations/${conversation.id}/navigate`, { url: href });
      toast('success', t('navigate.done'));
      onDone();
    } catch (err) {
      setError(describeError(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('navigate.title')} onClose={onDone}>
      <form onSubmit={submit} className="form" noValidate>
        <FormError error={error} fields={['url']} />
        <Field label={t('navigate.url')} hint={t('navigate.hint')} error={fieldError(error, 'url')}>
          {(p) => (
            <input
              {...p}
              type="url"
              name="url"
              required
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('navigate.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
