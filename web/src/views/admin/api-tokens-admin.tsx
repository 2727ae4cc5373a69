// API tokens for integrations: create (the secret is shown once, with a copy
// button), list with last use and expiry, revoke. Admins see the account's
// tokens; the server decides (GET /api-tokens).
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ApiTokenList, ApiTokenView, CreatedApiToken } from '../../api/types';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { toast } from '../../state/toasts';

const EXPIRY_DAYS = ['never', '30', '90', '365'] as const;
type Expiry = (typeof EXPIRY_DAYS)[number];
const DAY_MS = 86_400_000;

export function ApiTokensAdmin() {
  const { t, lang } = useI18n();
  const [tokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('never');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const load = useCallback(async () => {
    try {
      setTokens((await api.get<ApiTokenList>('/api-tokens')).tokens);
      setLoadError(false);
    } catch {
      setLoadError(true);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const expiresAt =
        expiry === 'never' ? null : new Date(Date.now() + Number(expiry) * DAY_MS).toISOString();
      const token = await api.post<CreatedApiToken>('/api-tokens', {
        name: name.trim(),
        expiresAt,
      });
      setCreated(token);
      setName('');
      setExpiry('never');
      await load();
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: ApiTokenView) {
    if (!window.confirm(t('tokens.confirmRevoke', { name: token.name }))) return;
    try {
      await api.del(`/api-tokens/${token.id}`);
      if (created?.id === token.id) setCreated(null);
      toast('success', t('tokens.revoked'));
      await load();
    } catch (err) {
      toast('error', describeError(t, err).message);
    }
  }

  const when = (iso: string | null, otherwise: string) =>
    iso === null ? otherwise : formatDateTime(iso, lang);

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.tokens')}</h1>
      <p className="hint">{t('tokens.intro')}</p>
      <form className="inline-form" onSubmit={create} noValidate>
        <FormError error={error} fields={['name', 'expiresAt']} />
        <Field label={t('tokens.new')} error={fieldError(error, 'name')}>
          {(p) => (
            <input
              {...p}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('tokens.expiry')} error={fieldError(error, 'expiresAt')}>
          {(p) => (
            <select {...p} value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
              {EXPIRY_DAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`tokens.expiry.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {t('tokens.create')}
        </button>
      </form>
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      {loadError && <p role="alert">{t('tokens.loadFailed')}</p>}
      {tokens === null ? (
        !loadError && <p className="empty">{t('common.loading')}</p>
      ) : tokens.length === 0 ? (
        <p className="empty">{t('tokens.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.owner')}</th>
              <th scope="col">{t('tokens.created')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.expires')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.name}</th>
                <td>{x.operatorName}</td>
                <td>{formatDateTime(x.createdAt, lang)}</td>
                <td>{when(x.lastUsedAt, t('tokens.notUsed'))}</td>
                <td>{x.expired ? t('tokens.expired') : when(x.expiresAt, t('tokens.never'))}</td>
                <td>
                  <button
                    type="button"
                    className="danger-link"
                    onClick={() => void revoke(x)}
                    aria-label={t('tokens.revokeNamed', { name: x.name })}
                  >
                    {t('tokens.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The secret, this once: selectable, with a copy button. */
function NewToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useI18n();
  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      toast('success', t('tokens.copied'));
    } catch {
      toast('error', t('tokens.copyFailed'));
    }
  }
  return (
    <div className="card new-token" role="status" aria-labelledby="new-token-title">
      <h2 id="new-token-title">{t('tokens.createdTitle', { name: token.name })}</h2>
      <p>{t('tokens.showOnce')}</p>
      <div className="inline-form">
        <Field label={t('tokens.value')}>
          {(p) => (
            <input
              {...p}
              readOnly
              value={token.token}
              onFocus={(e) => e.currentTarget.select()}
              spellCheck={false}
            />
          )}
        </Field>
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('tokens.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </div>
    </div>
  );
}
