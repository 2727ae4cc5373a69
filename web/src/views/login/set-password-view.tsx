// Where a password link lands (/set-password#token=…): an invited operator
// chooses their first password, or anyone a new one, then is logged in. The
// token stays in the fragment, which the browser never sends to the server.
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { PasswordLinkInfo, PasswordSet } from '../../api/types';
import { Field, FormError, fieldError } from '../../components/form';
import { LanguageSwitch } from '../../components/language-switch';
import { useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import { describeFieldError } from '../../lib/field-errors';
import { logIn } from '../../state/session';

const MIN_LENGTH = 8;
const FIELD_MESSAGES = { password: 'password.tooShort' } as const;

export function tokenInLocation(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

export function SetPasswordView({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [token] = useState(tokenInLocation);
  const [link, setLink] = useState<PasswordLinkInfo | null>(null);
  const [linkError, setLinkError] = useState<ShownError | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    api
      .post<PasswordLinkInfo>('/auth/password-link/check', { token })
      .then(setLink)
      .catch((err: unknown) => setLinkError(describeFieldError(t, err)));
  }, [token, t]);

  function leave() {
    window.history.replaceState(null, '', '/');
    onDone();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password.length < MIN_LENGTH)
      return setError({ message: t('password.tooShort'), field: 'password' });
    if (password !== repeat) return setError({ message: t('password.mismatch'), field: 'repeat' });
    setBusy(true);
    setError(null);
    try {
      const done = await api.post<PasswordSet>('/auth/password-link', {
        token,
        password,
      });
      await logIn(done.email, password, done.accountId);
      leave();
    } catch (err) {
      setError(describeFieldError(t, err, FIELD_MESSAGES));
      setBusy(false);
    }
  }

  const head = (
    <div className="login-head">
      <h1 id="set-password-title">
        {link?.purpose === 'invite'
          ? t('password.inviteTitle', { name: link.name })
          : t('password.resetTitle')}
      </h1>
      <LanguageSwitch />
    </div>
  );
  if (!link)
    return (
      <main className="login">
        <section className="login-card" aria-labelledby="set-password-title">
          {head}
          {linkError ? (
            <p className="form-error" role="alert">
              {linkError.message}
            </p>
          ) : (
            <p role="status">{t('password.checking')}</p>
          )}
          <button type="button" onClick={leave}>
            {t('password.toLogin')}
          </button>
        </section>
      </main>
    );
  const fields = ['password', 'repeat'];
  return (
    <main className="login">
      <form
        className="login-card"
        onSubmit={submit}
        aria-labelledby="set-password-title"
        noValidate
      >
        {head}
        <p>
          {t(link.purpose === 'invite' ? 'password.inviteIntro' : 'password.resetIntro', {
            email: link.email,
          })}
        </p>
        <FormError error={error} fields={fields} />
        <input type="email" hidden readOnly autoComplete="username" value={link.email} />
        <Field
          label={t('password.new')}
          hint={t('password.hint')}
          error={fieldError(error, 'password')}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('password.repeat')} error={fieldError(error, 'repeat')}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('password.busy') : t('password.submit')}
        </button>
      </form>
    </main>
  );
}
