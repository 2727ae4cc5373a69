// Outgoing operator messages. Each has a client key from the first attempt on,
// so a retry after a dropped connection can never post the message twice.
import { ApiError, api } from '../api/client';
import type { ApiErrorBody, Attachment, MessageView, SentMessage } from '../api/types';
import { newClientKey } from '../lib/format';
import { createStore } from './store';
import { realtime } from './sync';

export interface Outgoing {
  clientKey: string;
  conversationId: string;
  text: string;
  attachments: Attachment[];
  status: 'sending' | 'failed';
  error: ApiErrorBody | null;
}

export const outbox = createStore<ReadonlyMap<string, Outgoing>>(new Map());

type Delivered = (message: MessageView) => void;
const delivered = new Set<Delivered>();

/** The committed message from the ack, so the view shows it even before its event arrives. */
export function onDelivered(listener: Delivered): () => void {
  delivered.add(listener);
  return () => delivered.delete(listener);
}

function put(item: Outgoing | null, key: string): void {
  outbox.set((m) => {
    const next = new Map(m);
    if (item) next.set(key, item);
    else next.delete(key);
    return next;
  });
}

async function deliver(item: Outgoing): Promise<MessageView> {
  const rt = realtime();
  const body = { text: item.text, clientKey: item.clientKey, attachments: item.attachments };
  if (rt?.connected) {
    try {
      return await rt.send(item.conversationId, item.text, item.clientKey, item.attachments);
    } catch (error) {
      // Only a lost connection falls through to HTTP; a refusal is final.
      if ((error as ApiErrorBody).code !== 'network') throw error;
    }
  }
  const res = await api.post<SentMessage>(`/conversations/${item.conversationId}/messages`, body);
  return res.message;
}

async function attempt(item: Outgoing): Promise<void> {
  put({ ...item, status: 'sending', error: null }, item.clientKey);
  try {
    const message = await deliver(item);
    for (const l of delivered) l(message);
    put(null, item.clientKey);
  } catch (error) {
    const body: ApiErrorBody =
      error instanceof ApiError
        ? { code: error.code, message: error.message, field: error.field }
        : (error as ApiErrorBody).code
          ? (error as ApiErrorBody)
          : { code: 'internal', message: String(error), field: null };
    put({ ...item, status: 'failed', error: body }, item.clientKey);
  }
}

export function sendMessage(conversationId: string, text: string, attachments: Attachment[]) {
  const item: Outgoing = {
    clientKey: newClientKey(),
    conversationId,
    text,
    attachments,
    status: 'sending',
    error: null,
  };
  return attempt(item);
}

export function retry(clientKey: string): Promise<void> | undefined {
  const item = outbox.get().get(clientKey);
  return item ? attempt(item) : undefined;
}

export function discard(clientKey: string): void {
  put(null, clientKey);
}
