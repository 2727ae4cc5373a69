// The visitor's draft, sent as they type so the operator sees a live preview
// (throttled: at most one signal per interval, the last text always goes out).
// When the channel turns the preview off, only "typing" is sent, never the text.
import type { Socket } from './socket.js';

/** How often the visitor's draft goes to the operator's live preview. */
export const DRAFT_INTERVAL_MS = 700;

export interface DraftSender {
  update(text: string): void;
  /** The message was sent: drop a pending draft, it is no longer being typed. */
  cancel(): void;
}

export function createDraftSender(
  socket: Socket,
  preview: boolean,
  conversationId: () => string | null,
): DraftSender {
  let timer = 0;
  let lastAt = 0;
  let pending: string | null = null;

  function send() {
    timer = 0;
    const id = conversationId();
    if (pending === null || !id) return;
    lastAt = Date.now();
    socket.send(
      preview
        ? { type: 'typing', conversationId: id, draft: pending }
        : { type: 'typing', conversationId: id },
    );
    pending = null;
  }

  return {
    update(text) {
      if (!socket.ready) return;
      pending = text;
      const wait = DRAFT_INTERVAL_MS - (Date.now() - lastAt);
      if (wait <= 0) send();
      else if (!timer) timer = window.setTimeout(send, wait);
    },
    cancel() {
      pending = null;
      clearTimeout(timer);
      timer = 0;
    },
  };
}
