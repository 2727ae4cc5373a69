// Getting a one-time password link to its operator: by e-mail through the
// account's SMTP settings, or, when the account has none (or the mail server
// refused), back to the admin who asked, to copy. Never back to an anonymous
// caller: forgot-password only ever mails.
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Services } from '../actions/context.js';
import type { IssuedPasswordLink } from '../actions/operators/issue-password-link.js';
import { accountMailer, sendAccountMail } from '../channels/email/account-mail.js';
import type { Config } from '../config.js';
import { type MailLanguage, passwordLinkUrl, passwordMail } from '../domain/password-mail.js';
import { getAccount } from '../store/queries/account.js';

/** The language of the e-mail: the asking interface's. */
export const mailLanguage = z.enum(['en', 'ru']).default('en');

export type LinkDelivery =
  | { sent: true; to: string; expiresAt: string }
  | { sent: false; link: string; reason: 'no_mail_server' | 'mail_failed'; expiresAt: string };

const DAY_MS = 24 * 60 * 60 * 1000;

export async function deliverPasswordLink(
  deps: { services: Services; config: Config },
  accountId: string,
  issued: IssuedPasswordLink,
  lang: MailLanguage,
  log: Pick<FastifyBaseLogger, 'warn'>,
): Promise<LinkDelivery> {
  const { services, config } = deps;
  const link = passwordLinkUrl(config.publicUrl, issued.token);
  const expiresAt = issued.expiresAt.toISOString();
  const mailer = await accountMailer(services.db, accountId);
  if (!mailer) return { sent: false, link, reason: 'no_mail_server', expiresAt };
  const account = await getAccount(services.db, accountId);
  const mail = passwordMail({
    purpose: issued.purpose,
    lang,
    accountName: account?.name ?? 'Switchboard',
    operatorName: issued.operator.name,
    link,
    days: config.passwordLinkTtlMs / DAY_MS,
  });
  try {
    await sendAccountMail(mailer, config.outbound, {
      to: issued.operator.email,
      toName: issued.operator.name,
      fromName: account?.name ?? mailer.channelName,
      ...mail,
    });
    return { sent: true, to: issued.operator.email, expiresAt };
  } catch (error) {
    log.warn({ err: error, accountId }, 'password link e-mail failed');
    return { sent: false, link, reason: 'mail_failed', expiresAt };
  }
}
