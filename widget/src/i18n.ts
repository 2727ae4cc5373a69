// The widget speaks the page's language (<html lang>), else the browser's:
// English, Russian or Ukrainian; English when neither is one of them.

export type Language = 'en' | 'ru' | 'uk';

export function pickLanguage(pageLang: string | null, browserLangs: readonly string[]): Language {
  for (const tag of [pageLang ?? '', ...browserLangs]) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (base === 'en' || base === 'ru' || base === 'uk') return base;
    // "ua" is a common mistake for Ukrainian on real sites (it is the country code).
    if (base === 'ua') return 'uk';
  }
  return 'en';
}

export interface Strings {
  open: string;
  close: string;
  unread: (n: number) => string;
  messages: string;
  placeholder: string;
  send: string;
  sending: string;
  sent: string;
  retry: string;
  failed: string;
  you: string;
  operator: string;
  bot: string;
  search: string;
  typing: string;
  greeting: string;
  intro: string;
  name: string;
  email: string;
  start: string;
  ended: string;
  rate: string;
  like: string;
  dislike: string;
  comment: string;
  sendComment: string;
  thanks: string;
  offline: string;
  limited: string;
  end: string;
  attachment: string;
  attach: string;
  uploading: string;
  drop: string;
  /** `limit` is already formatted, e.g. "10 MB". */
  tooBig: (name: string, limit: string) => string;
  badType: (name: string) => string;
  uploadFailed: (name: string) => string;
  joined: (name: string) => string;
  moved: string;
}

const en: Strings = {
  open: 'Open chat',
  close: 'Close chat',
  unread: (n) => `${n} unread`,
  messages: 'Messages',
  placeholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  retry: 'Not sent yet, will retry',
  failed: 'Not delivered',
  you: 'You',
  operator: 'Operator',
  bot: 'Assistant',
  search: 'Search help articles',
  typing: 'Operator is typing…',
  greeting: 'Hi! Ask us anything, we usually reply within minutes.',
  intro: 'Please introduce yourself to start the chat.',
  name: 'Your name',
  email: 'E-mail',
  start: 'Start chat',
  ended: 'The conversation has ended. Write again any time.',
  rate: 'How was the conversation?',
  like: 'Good',
  dislike: 'Bad',
  comment: 'Anything to add? (optional)',
  sendComment: 'Send comment',
  thanks: 'Thank you for your feedback!',
  offline: 'No connection. Messages will be sent when it is back.',
  limited: 'Too many messages at once. Please wait a moment.',
  end: 'End chat',
  attachment: 'Attachment',
  attach: 'Attach a file',
  uploading: 'Uploading',
  drop: 'Drop files here to send them',
  tooBig: (n, limit) => `${n} is too large: files up to ${limit} can be sent.`,
  badType: (n) => `${n} cannot be sent: images, PDF, text and office files can.`,
  uploadFailed: (n) => `${n} was not sent. Please try again.`,
  joined: (n) => `${n} joined the chat`,
  moved: 'The operator opened this page for you',
};

const ru: Strings = {
  open: 'Открыть чат',
  close: 'Закрыть чат',
  unread: (n) => `Непрочитанных: ${n}`,
  messages: 'Сообщения',
  placeholder: 'Напишите сообщение…',
  send: 'Отправить',
  sending: 'Отправляется…',
  sent: 'Отправлено',
  retry: 'Не отправлено, повторим',
  failed: 'Не доставлено',
  you: 'Вы',
  operator: 'Оператор',
  bot: 'Помощник',
  search: 'Поиск по статьям помощи',
  typing: 'Оператор печатает…',
  greeting: 'Здравствуйте! Задайте вопрос, обычно мы отвечаем за несколько минут.',
  intro: 'Представьтесь, пожалуйста, чтобы начать чат.',
  name: 'Ваше имя',
  email: 'E-mail',
  start: 'Начать чат',
  ended: 'Диалог завершён. Пишите в любое время.',
  rate: 'Как прошёл разговор?',
  like: 'Хорошо',
  dislike: 'Плохо',
  comment: 'Хотите что-то добавить? (необязательно)',
  sendComment: 'Отправить комментарий',
  thanks: 'Спасибо за отзыв!',
  offline: 'Нет связи. Сообщения отправятся, когда она появится.',
  limited: 'Слишком много сообщений сразу. Подождите немного.',
  end: 'Завершить чат',
  attachment: 'Вложение',
  attach: 'Прикрепить файл',
  uploading: 'Загружается',
  drop: 'Отпустите файлы, чтобы отправить',
  tooBig: (n, limit) => `${n} слишком большой: можно отправлять файлы до ${limit}.`,
  badType: (n) => `${n} нельзя отправить: можно изображения, PDF, текст и офисные файлы.`,
  uploadFailed: (n) => `${n} не отправлен. Попробуйте ещё раз.`,
  joined: (n) => `${n} подключился к чату`,
  moved: 'Оператор открыл для вас эту страницу',
};

const uk: Strings = {
  open: 'Відкрити чат',
  close: 'Закрити чат',
  unread: (n) => `Непрочитаних: ${n}`,
  messages: 'Повідомлення',
  placeholder: 'Напишіть повідомлення…',
  send: 'Надіслати',
  sending: 'Надсилається…',
  sent: 'Надіслано',
  retry: 'Не надіслано, повторимо',
  failed: 'Не доставлено',
  you: 'Ви',
  operator: 'Оператор',
  bot: 'Помічник',
  search: 'Пошук у статтях довідки',
  typing: 'Оператор друкує…',
  greeting: 'Вітаємо! Поставте запитання, зазвичай ми відповідаємо за кілька хвилин.',
  intro: 'Будь ласка, представтеся, щоб почати чат.',
  name: "Ваше ім'я",
  email: 'E-mail',
  start: 'Почати чат',
  ended: 'Розмову завершено. Пишіть будь-коли.',
  rate: 'Як пройшла розмова?',
  like: 'Добре',
  dislike: 'Погано',
  comment: 'Бажаєте щось додати? (необов’язково)',
  sendComment: 'Надіслати коментар',
  thanks: 'Дякуємо за відгук!',
  offline: "Немає зв'язку. Повідомлення надішлемо, щойно він з'явиться.",
  limited: 'Забагато повідомлень одразу. Зачекайте трохи.',
  end: 'Завершити чат',
  attachment: 'Вкладення',
  attach: 'Прикріпити файл',
  uploading: 'Завантажується',
  drop: 'Відпустіть файли, щоб надіслати',
  tooBig: (n, limit) => `${n} завеликий: можна надсилати файли до ${limit}.`,
  badType: (n) => `${n} не можна надіслати: можна зображення, PDF, текст і офісні файли.`,
  uploadFailed: (n) => `${n} не надіслано. Спробуйте ще раз.`,
  joined: (n) => `${n} приєднався до чату`,
  moved: 'Оператор відкрив для вас цю сторінку',
};

export const STRINGS: Record<Language, Strings> = { en, ru, uk };
