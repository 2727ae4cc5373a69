// Forgot password: asks for a link by e-mail. The answer is the same whether
// or not the address belongs to anyone (the server never says), so the page
// says "if it belongs to an operator".
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import { describeFieldError } from '../../lib/field-errors';

export function ForgotPassword({
  initialEmail,
  onBack,
}: {
  initialEmail: string;
  onBack: () => void;
}) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState(initialEmail);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/password-reset', { email: email.trim(), lang });
      setSent(email.trim());
    } catch (err) {
      setError(describeFieldError(t, err, { email: 'operators.error.email' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="login-card" onSubmit={submit} aria-labelledby="forgot-title" noValidate>
      <h1 id="forgot-title">{t('login.forgotTitle')}</h1>
      {sent ? (
        <p role="status">{t('login.forgotSent', { email: sent })}</p>
      ) : (
        <>
          <p>{t('login.forgotIntro')}</p>
          <FormError error={error} fields={['email']} />
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
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('login.forgotBusy') : t('login.forgotSubmit')}
          </button>
        </>
      )}
      <button type="button" className="link-button" onClick={onBack}>
        {t('login.forgotBack')}
      </button>
    </form>
  );
}
