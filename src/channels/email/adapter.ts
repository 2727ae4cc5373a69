// E-mail: inbound through IMAP (IDLE) or the built-in SMTP receiver, both
// storing the raw message in the inbox first; outbound through SMTP.
import { channelSettings } from '../settings.js';
import type { ChannelAdapter } from '../types.js';
import { classifySmtpError, deliverEmail } from './deliver.js';
import { type Envelope, normalizeEmail } from './normalize.js';

export const emailAdapter: ChannelAdapter = {
  kind: 'email',
  async normalize(item) {
    if (!item.raw) return { kind: 'ignore', reason: 'empty message' };
    const envelope = (item.payload?.envelope ?? null) as Envelope | null;
    return normalizeEmail(item.raw, envelope, channelSettings('email', item.channel));
  },
  deliver(out, ctx) {
    return deliverEmail(out, channelSettings('email', out.channel), ctx);
  },
  classify: classifySmtpError,
};
