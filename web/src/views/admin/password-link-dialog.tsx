// A password link the account could not mail (no mail server, or it refused):
// the admin copies it and passes it on. It works once, until it expires.
import type { LinkDelivery } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/form';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { toast } from '../../state/toasts';

export function PasswordLinkDialog({
  name,
  delivery,
  onClose,
}: {
  name: string;
  delivery: LinkDelivery & { sent: false };
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const date = formatDateTime(delivery.expiresAt, lang);
  async function copy() {
    try {
      await navigator.clipboard.writeText(delivery.link);
      toast('success', t('operators.linkCopied'));
    } catch {
      toast('error', t('tokens.copyFailed'));
    }
  }
  return (
    <Dialog title={t('operators.linkTitle', { name })} onClose={onClose}>
      <p>
        {t(
          delivery.reason === 'no_mail_server'
            ? 'operators.linkNoMail'
            : 'operators.linkMailFailed',
          {
            date,
          },
        )}
      </p>
      <div className="inline-form">
        <Field label={t('operators.linkLabel')}>
          {(p) => (
            <input
              {...p}
              readOnly
              value={delivery.link}
              onFocus={(e) => e.currentTarget.select()}
              spellCheck={false}
            />
          )}
        </Field>
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('operators.copyLink')}
        </button>
        <button type="button" onClick={onClose}>
          {t('tokens.done')}
        </button>
      </div>
    </Dialog>
  );
}
