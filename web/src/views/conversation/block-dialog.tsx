import { useState } from 'react';
import { api } from '../../api/client';
import type { BlockedContact, Contact } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { rememberContact } from '../../state/workspace';

export function BlockDialog({
  contact,
  onDone,
  onContact,
}: {
  contact: Contact;
  onDone: () => void;
  onContact: (c: Contact) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocking = !contact.blocked;

  async function confirm() {
    setBusy(true);
    try {
      const res = await api.post<BlockedContact>(`/contacts/${contact.id}/block`, {
        blocked: blocking,
      });
      const next = { ...contact, blocked: res.contact.blocked };
      onContact(next);
      rememberContact(next);
      onDone();
    } catch (err) {
      setError(describeError(t, err).message);
      setBusy(false);
    }
  }

  return (
    <Dialog title={blocking ? t('block.title') : t('block.unblockTitle')} onClose={onDone}>
      <p>{blocking ? t('block.explain') : t('block.unblockExplain')}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={blocking ? 'danger' : 'primary'}
          onClick={() => void confirm()}
          disabled={busy}
        >
          {blocking ? t('contact.block') : t('contact.unblock')}
        </button>
      </div>
    </Dialog>
  );
}
