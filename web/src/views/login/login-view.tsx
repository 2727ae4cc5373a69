// The login form. Asking for notification permission here uses the click the
// operator makes anyway; browsers only allow the prompt inside a gesture.
import { type FormEvent, useState } from 'react';
import { Field, FormError, fieldError } from '../../components/form';
import { LanguageSwitch } from '../../components/language-switch';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { askDesktopPermission } from '../../lib/notify';
import { logIn } from '../../state/session';
import { ForgotPassword } from './forgot-password';

export function LoginView() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [forgot, setForgot] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    void askDesktopPermission().catch(() => {});
    try {
      await logIn(email, password);
    } catch (err) {
      setError(describeError(t, err));
      setBusy(false);
    }
  }

  if (forgot)
    return (
      <main className="login">
        <ForgotPassword initialEmail={email} onBack={() => setForgot(false)} />
      </main>
    );
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <h1 id="login-title">{t('login.title')}</h1>
          <LanguageSwitch />
        </div>
        <FormError error={error} fields={['email', 'password']} />
        <Field label={t('login.email')} error={fieldError(error, 'email')}>
          {(p) => (
            <input
              {...p}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('login.password')} error={fieldError(error, 'password')}>
          {(p) => (
            <input
              {...p}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <button type="button" className="link-button" onClick={() => setForgot(true)}>
          {t('login.forgot')}
        </button>
      </form>
    </main>
  );
}
