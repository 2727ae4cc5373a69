// A small IMAP4rev1 server on loopback, enough for imapflow: LOGIN, SELECT,
// UID SEARCH UNSEEN, UID FETCH BODY[], UID STORE +FLAGS, IDLE with EXISTS
// pushes, LOGOUT. Tests drop mail into the mailbox and watch Switchboard
// pick it up over IDLE.

import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';

interface Mail {
  uid: number;
  raw: Buffer;
  seen: boolean;
}

export interface FakeImap {
  port: number;
  user: string;
  password: string;
  mails: Mail[];
  commands: string[];
  deliver(raw: Buffer): void;
  /** Another UIDVALIDITY, as after a mailbox was recreated: old UIDs mean nothing. */
  resetUidValidity(): void;
  close(): Promise<void>;
}

export async function startFakeImap(
  user = 'support',
  password = 'imap-password',
): Promise<FakeImap> {
  const mails: Mail[] = [];
  const commands: string[] = [];
  let uidNext = 1;
  let uidValidity = 1;
  const idlers = new Set<Socket>();
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      idlers.delete(socket);
    });
    let buffer = '';
    let idleTag: string | null = null;
    let authed = false;
    // What this session was last told the mailbox holds; servers report growth at the next chance.
    let known = 0;
    const send = (line: string | Buffer) => socket.write(line);
    send('* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] fake IMAP ready\r\n');
    socket.on('mailbox-grew', () => {
      known = mails.length;
      send(`* ${known} EXISTS\r\n`);
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (idleTag) {
          if (line.trim().toUpperCase() === 'DONE') {
            send(`${idleTag} OK IDLE terminated\r\n`);
            idleTag = null;
            idlers.delete(socket);
          }
          continue;
        }
        const [tag, ...rest] = line.split(' ');
        const command = rest.join(' ');
        commands.push(command.replace(/^LOGIN .*/i, 'LOGIN ***'));
        const verb = (rest[0] ?? '').toUpperCase();
        const sub = (rest[1] ?? '').toUpperCase();
        if (verb === 'CAPABILITY') {
          send('* CAPABILITY IMAP4rev1 IDLE UIDPLUS\r\n');
          send(`${tag} OK done\r\n`);
        } else if (verb === 'LOGIN') {
          const [u, p] = rest.slice(1).map((a) => a.replace(/^"|"$/g, ''));
          authed = u === user && p === password;
          send(
            authed
              ? `${tag} OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] logged in\r\n`
              : `${tag} NO [AUTHENTICATIONFAILED] invalid credentials\r\n`,
          );
        } else if (!authed && verb !== 'LOGOUT' && verb !== 'NOOP') {
          send(`${tag} NO log in first\r\n`);
        } else if (verb === 'LIST') {
          send('* LIST (\\HasNoChildren) "/" INBOX\r\n');
          send(`${tag} OK done\r\n`);
        } else if (verb === 'SELECT' || verb === 'EXAMINE') {
          send('* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n');
          send(`* ${mails.length} EXISTS\r\n`);
          known = mails.length;
          send('* 0 RECENT\r\n');
          send(`* OK [UIDVALIDITY ${uidValidity}] UIDs valid\r\n`);
          send(`* OK [UIDNEXT ${uidNext}] next UID\r\n`);
          send(`${tag} OK [READ-WRITE] selected\r\n`);
        } else if (verb === 'UID' && sub === 'SEARCH') {
          const uids = mails.filter((m) => !m.seen).map((m) => m.uid);
          send(`* SEARCH${uids.map((u) => ` ${u}`).join('')}\r\n`);
          send(`${tag} OK done\r\n`);
        } else if (verb === 'UID' && sub === 'FETCH') {
          for (const m of selectUids(rest[2] ?? '', mails)) {
            const seq = mails.indexOf(m) + 1;
            send(`* ${seq} FETCH (UID ${m.uid} BODY[] {${m.raw.length}}\r\n`);
            send(m.raw);
            send(')\r\n');
          }
          send(`${tag} OK done\r\n`);
        } else if (verb === 'UID' && sub === 'STORE') {
          for (const m of selectUids(rest[2] ?? '', mails))
            if (/\\Seen/i.test(command)) m.seen = true;
          send(`${tag} OK done\r\n`);
        } else if (verb === 'IDLE') {
          idleTag = tag ?? '*';
          idlers.add(socket);
          send('+ idling\r\n');
          if (mails.length > known) {
            known = mails.length;
            send(`* ${known} EXISTS\r\n`);
          }
        } else if (verb === 'LOGOUT') {
          send('* BYE bye\r\n');
          send(`${tag} OK done\r\n`);
          socket.end();
        } else {
          send(`${tag} OK done\r\n`);
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    user,
    password,
    mails,
    commands,
    deliver(raw) {
      mails.push({ uid: uidNext++, raw, seen: false });
      for (const s of idlers) s.emit('mailbox-grew');
    },
    resetUidValidity() {
      uidValidity += 1;
    },
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** "1,3:5,7:*" against the mailbox's UIDs; "n:*" includes the highest UID even below n (RFC 3501 §6.4.8). */
function selectUids(set: string, mails: Mail[]): Mail[] {
  const max = mails.reduce((a, m) => Math.max(a, m.uid), 0);
  const wanted = new Set<number>();
  for (const range of set.split(',')) {
    const [a, b] = range.split(':');
    const from = a === '*' ? max : Number(a);
    const to = b === undefined ? from : b === '*' ? max : Number(b);
    for (const m of mails)
      if (m.uid >= Math.min(from, to) && m.uid <= Math.max(from, to)) wanted.add(m.uid);
  }
  return mails.filter((m) => wanted.has(m.uid));
}
