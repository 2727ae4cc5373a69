// Contact names for list rows. Conversation views carry only the contact id,
// so visible rows ask for their contact lazily: a few requests at a time,
// newest first, forgetting requests for rows long scrolled away.
import { api } from '../api/client';
import type { Contact } from '../api/types';
import { contacts, rememberContact } from '../state/workspace';

const MAX_ACTIVE = 4;
const MAX_WAITING = 60;
const requested = new Set<string>();
let waiting: string[] = [];
let active = 0;

export function ensureContact(contactId: string): void {
  if (contacts.get().has(contactId) || requested.has(contactId)) return;
  requested.add(contactId);
  waiting.push(contactId);
  if (waiting.length > MAX_WAITING) {
    const dropped = waiting.slice(0, waiting.length - MAX_WAITING);
    waiting = waiting.slice(-MAX_WAITING);
    for (const id of dropped) requested.delete(id);
  }
  pump();
}

function pump(): void {
  while (active < MAX_ACTIVE && waiting.length > 0) {
    const id = waiting.pop()!;
    active += 1;
    api
      .get<{ contact: Contact }>(`/contacts/${id}`)
      .then((res) => rememberContact(res.contact))
      .catch(() => {
        // Unknown or forbidden: the row keeps its "Client #id" label.
      })
      .finally(() => {
        active -= 1;
        pump();
      });
  }
}
