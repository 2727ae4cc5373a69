// A local smtp-server standing in for the channel's outgoing SMTP server: it
// collects what Switchboard sends (parsed with mailparser) and can refuse the
// next messages with a 4xx, like a server that is down for a while.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  mails: (ParsedMail & { raw: Buffer; rcptTo: string[] })[];
  failNext(times: number, code?: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SmtpSink['mails'] = [];
  let failures = { times: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'switchboard' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (failures.times > 0) {
          failures.times -= 1;
          return callback(
            Object.assign(new Error('try again later'), { responseCode: failures.code }),
          );
        }
        const raw = Buffer.concat(chunks);
        mails.push({
          ...(await simpleParser(raw)),
          raw,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    failNext: (times, code = 451) => {
      failures = { times, code };
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
