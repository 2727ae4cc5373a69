// A built-in SMTP receiver for forwarding and MX set-ups: it accepts mail only
// for the addresses of e-mail channels (plus-tagged variants included), never
// relays, and answers 250 only after the raw message is committed to each
// matching channel's inbox (DESIGN §8). A temporary failure answers 451 so the
// sending MTA retries; mail for unknown addresses is refused with 550.
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { enqueueInbound } from '../../actions/channels/enqueue-inbound.js';
import { perform, type Services } from '../../actions/context.js';
import type { ChannelRow } from '../../store/schema.js';
import { firstAddress, header, parseHeaderBlock } from './headers.js';
import { emailExternalId } from './normalize.js';
import { baseAddress } from './reply-token.js';

export interface SmtpReceiver {
  port: number;
  stop(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpReceiver(input: {
  services: Services;
  logger: Logger;
  port: number;
  host: string;
  hostname: string;
  maxBytes: number;
  onEnqueued: () => void;
}): Promise<SmtpReceiver> {
  const { services, logger } = input;

  async function channelsFor(address: string): Promise<ChannelRow[]> {
    return services.db
      .selectFrom('channels')
      .selectAll()
      .where('kind', '=', 'email')
      .where((eb) =>
        eb(eb.fn('lower', [eb.ref('settings', '->>').key('address')]), '=', baseAddress(address)),
      )
      .execute();
  }

  async function deliver(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const envelope = {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
    };
    const seen = new Set<string>();
    const externalId = emailExternalId(raw);
    const sender = firstAddress(header(parseHeaderBlock(raw), 'from')) ?? envelope.mailFrom;
    for (const rcpt of envelope.rcptTo) {
      for (const channel of await channelsFor(rcpt)) {
        if (seen.has(channel.id)) continue;
        seen.add(channel.id);
        await perform(
          services,
          { accountId: channel.account_id, actor: { kind: 'system' } },
          (ctx) =>
            enqueueInbound(ctx, {
              channelId: channel.id,
              items: [{ externalId, threadKey: sender || 'unknown', payload: { envelope }, raw }],
            }),
        );
      }
    }
  }

  const server = new SMTPServer({
    name: input.hostname,
    banner: 'Switchboard',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: input.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      channelsFor(address.address)
        .then((found) =>
          callback(
            found.length > 0 ? null : smtpError(550, `5.1.1 <${address.address}>: no such mailbox`),
          ),
        )
        .catch(() => callback(smtpError(451, '4.3.0 Temporary failure, try again later')));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, '5.3.4 Message too big'));
        deliver(Buffer.concat(chunks), session)
          .then(() => {
            input.onEnqueued();
            callback(null);
          })
          .catch((err) => {
            logger.error({ err }, 'smtp receiver could not store a message');
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          });
      });
    },
  });
  server.on('error', (err) => logger.warn({ err }, 'smtp receiver error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port, input.host, () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
