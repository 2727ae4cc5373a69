// The e-mails that carry a one-time password link: an invitation, or a reset
// the operator asked for. Plain text in the language the sender's interface
// used (the admin's for an invitation, the log-in page's for a reset).

export type MailLanguage = 'en' | 'ru';
export type PasswordLinkPurpose = 'invite' | 'reset';

export interface PasswordMail {
  subject: string;
  text: string;
}

export function passwordMail(input: {
  purpose: PasswordLinkPurpose;
  lang: MailLanguage;
  accountName: string;
  operatorName: string;
  link: string;
  /** Whole days the link works (at least 1 shown). */
  days: number;
}): PasswordMail {
  const { accountName, operatorName, link } = input;
  const days = Math.max(1, Math.round(input.days));
  if (input.lang === 'ru') {
    const word = russianDays(days);
    return input.purpose === 'invite'
      ? {
          subject: `Приглашение в Switchboard: ${accountName}`,
          text: `${operatorName}, здравствуйте!\n\nВас пригласили работать оператором в «${accountName}». Чтобы задать пароль и войти, откройте ссылку:\n\n${link}\n\nСсылка действует ${days} ${word} и срабатывает один раз.\n`,
        }
      : {
          subject: `Новый пароль для Switchboard: ${accountName}`,
          text: `${operatorName}, здравствуйте!\n\nЧтобы задать новый пароль, откройте ссылку:\n\n${link}\n\nСсылка действует ${days} ${word} и срабатывает один раз. Если вы не просили сменить пароль, просто не открывайте её.\n`,
        };
  }
  const unit = days === 1 ? 'day' : 'days';
  return input.purpose === 'invite'
    ? {
        subject: `Your invitation to Switchboard: ${accountName}`,
        text: `Hello ${operatorName},\n\nYou have been invited to answer conversations at ${accountName}. Open this link to set your password and log in:\n\n${link}\n\nThe link works once, for ${days} ${unit}.\n`,
      }
    : {
        subject: `Set a new Switchboard password: ${accountName}`,
        text: `Hello ${operatorName},\n\nOpen this link to set a new password:\n\n${link}\n\nThe link works once, for ${days} ${unit}. If you did not ask for a new password, ignore this e-mail.\n`,
      };
}

function russianDays(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 'дней';
  if (ones === 1) return 'день';
  if (ones >= 2 && ones <= 4) return 'дня';
  return 'дней';
}

/**
 * The address in the e-mail. The token rides in the fragment, which browsers
 * never send to a server, so it stays out of access logs and Referer headers.
 */
export function passwordLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/set-password#token=${token}`;
}
