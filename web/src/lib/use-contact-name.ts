// The name to show for a contact: their known name, else their e-mail address
// (an e-mail without a display name), else "Client #abc123" so two anonymous
// clients are still told apart.
import { useEffect } from 'react';
import { type Translate, useI18n } from '../i18n';
import { useStore } from '../state/store';
import { contacts } from '../state/workspace';
import { ensureContact } from './contact-loader';
import { shortId } from './format';

export function useContactName(contactId: string): string {
  const { t } = useI18n();
  const name = useStore(contacts, (m) => m.get(contactId)?.name ?? null);
  const email = useStore(contacts, (m) => m.get(contactId)?.email ?? null);
  useEffect(() => ensureContact(contactId), [contactId]);
  return shownContactName(t, contactId, name, email);
}

/** The rule itself, for lists that already carry the name (or e-mail) from the API. */
export function shownContactName(
  t: Translate,
  contactId: string,
  name: string | null,
  email: string | null = null,
): string {
  return name?.trim() || email?.trim() || t('contact.anonymous', { id: shortId(contactId) });
}
