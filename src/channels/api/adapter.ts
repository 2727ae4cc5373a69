// The API channel: any messenger through a provider (VK, WhatsApp gateways…).
// Inbound arrives as signed JSON on /api/v1/channels/api/:key/messages;
// outbound is POSTed, signed the same way, to the channel's outboundUrl.
import { classifyHttpError, postSigned } from '../http-post.js';
import { channelSettings } from '../settings.js';
import {
  type AdapterContext,
  type ChannelAdapter,
  ChannelError,
  type InboundItem,
  type Normalized,
  type OutboundMessage,
} from '../types.js';
import { type ApiOutbound, apiInboundSchema } from './payload.js';

export const apiAdapter: ChannelAdapter = {
  kind: 'api',

  async normalize(item: InboundItem): Promise<Normalized> {
    const parsed = apiInboundSchema.safeParse(item.payload);
    if (!parsed.success) return { kind: 'ignore', reason: 'malformed API payload' };
    const p = parsed.data;
    return {
      kind: 'message',
      message: {
        externalId: p.id,
        contact: {
          externalId: p.contact.id,
          name: p.contact.name ?? null,
          email: p.contact.email ?? null,
          phone: p.contact.phone ?? null,
        },
        text: p.text,
        files: p.attachments.map((a) => ({
          name: a.name,
          contentType: a.contentType,
          data: Buffer.from(a.data, 'base64'),
        })),
      },
    };
  },

  async deliver(out: OutboundMessage, ctx: AdapterContext) {
    const settings = channelSettings('api', out.channel);
    if (!settings.outboundUrl)
      throw new ChannelError('permanent', 'The channel has no outboundUrl: it is inbound-only.');
    const payload: ApiOutbound = {
      type: 'message',
      deliveryId: out.deliveryId,
      channelId: out.channel.id,
      conversationId: out.conversationId,
      contact: {
        id: out.recipient.externalId,
        name: out.recipient.name,
        email: out.recipient.email,
      },
      message: {
        ...out.message,
        attachments: out.files.map((f) => ({ ...f.attachment, data: f.data.toString('base64') })),
      },
    };
    const answer = await postSigned({
      url: settings.outboundUrl,
      secret: settings.hmacSecret,
      body: JSON.stringify(payload),
      deliveryId: out.deliveryId,
      now: new Date(),
      timeoutMs: ctx.timeoutMs,
      policy: ctx.outbound,
    });
    const id = (answer as { id?: unknown } | null)?.id;
    return { externalId: typeof id === 'string' || typeof id === 'number' ? String(id) : null };
  },

  classify: classifyHttpError,
};
