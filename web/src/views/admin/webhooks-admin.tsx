// Outgoing webhooks (docs/channels.md): create, edit, pause and resume,
// delete; send a test event; rotate the signing secret (shown once, like at
// creation); and each one's recent deliveries with the receiver's answers.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { DeliveryAnswer, WebhookList, WebhookView, WebhookWithSecret } from '../../api/types';
import { CopyButton } from '../../components/copy-button';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { toast } from '../../state/toasts';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookForm } from './webhook-form';

export function WebhooksAdmin() {
  const { t } = useI18n();
  const [hooks, setHooks] = useState<WebhookView[] | null>(null);
  const [editing, setEditing] = useState<WebhookView | 'new' | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setHooks((await api.get<WebhookList>('/webhooks')).webhooks);
    } catch (err) {
      toast('error', describeError(t, err).message);
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(action: () => Promise<unknown>, done?: string) {
    try {
      await action();
      if (done) toast('success', done);
      await load();
      setVersion((v) => v + 1);
    } catch (err) {
      toast('error', describeError(t, err).message);
    }
  }

  async function test(hook: WebhookView) {
    await act(async () => {
      const { delivery } = await api.post<DeliveryAnswer>(`/webhooks/${hook.id}/test`);
      setOpen(hook.id);
      const code = delivery.responseStatus ?? '—';
      if (delivery.status === 'sent') toast('success', t('webhooks.testSent', { code }));
      else toast('error', t('webhooks.testFailed', { code, error: delivery.lastError ?? '' }));
    });
  }

  return (
    <section aria-labelledby="admin-title">
      <div className="section-head">
        <h1 id="admin-title">{t('admin.webhooks')}</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('webhooks.create')}
        </button>
      </div>
      <p className="hint">{t('webhooks.intro')}</p>
      {secret && (
        <div className="card new-token" role="status">
          <p>{t('webhooks.secretOnce', { url: secret.url })}</p>
          <div className="inline-form">
            <input readOnly value={secret.secret} aria-label={t('webhooks.secret')} />
            <CopyButton text={secret.secret} />
            <button type="button" onClick={() => setSecret(null)}>
              {t('tokens.done')}
            </button>
          </div>
        </div>
      )}
      {hooks?.length === 0 && <p className="muted">{t('webhooks.empty')}</p>}
      {hooks?.map((hook) => (
        <article key={hook.id} className="card webhook">
          <header className="section-head">
            <h2>
              {hook.url}{' '}
              <span className={hook.paused ? 'badge muted' : 'badge ok'}>
                {hook.paused ? t('webhooks.paused') : t('webhooks.active')}
              </span>
            </h2>
          </header>
          <p className="muted">{hook.events.join(', ')}</p>
          <div className="row-actions">
            <button type="button" onClick={() => setEditing(hook)}>
              {t('common.edit')}
            </button>
            <button
              type="button"
              onClick={() =>
                void act(
                  () => api.patch(`/webhooks/${hook.id}`, { paused: !hook.paused }),
                  hook.paused ? t('webhooks.resumed') : t('webhooks.pausedDone'),
                )
              }
            >
              {hook.paused ? t('webhooks.resume') : t('webhooks.pause')}
            </button>
            <button type="button" onClick={() => void test(hook)}>
              {t('webhooks.test')}
            </button>
            <button
              type="button"
              onClick={() => {
                if (!window.confirm(t('webhooks.confirmRotate', { url: hook.url }))) return;
                void act(async () => {
                  const answer = await api.post<WebhookWithSecret>(
                    `/webhooks/${hook.id}/rotate-secret`,
                  );
                  setSecret({ url: hook.url, secret: answer.secret });
                });
              }}
            >
              {t('webhooks.rotate')}
            </button>
            <button
              type="button"
              onClick={() => setOpen(open === hook.id ? null : hook.id)}
              aria-expanded={open === hook.id}
            >
              {t('webhooks.deliveries')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (!window.confirm(t('common.confirmDelete', { name: hook.url }))) return;
                void act(() => api.del(`/webhooks/${hook.id}`), t('webhooks.deleted'));
              }}
            >
              {t('common.delete')}
            </button>
          </div>
          {open === hook.id && <WebhookDeliveries webhookId={hook.id} version={version} />}
        </article>
      ))}
      {editing && (
        <WebhookForm
          webhook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            if (created) setSecret(created);
            setEditing(null);
            void load();
          }}
        />
      )}
    </section>
  );
}
