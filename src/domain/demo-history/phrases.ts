// What the demo's clients and operators say, in Russian, Ukrainian and English.
// The operators' lines are the dialog structure the audit checks (DESIGN §5):
// a careful operator uses them all, a sloppy one skips some — so the audit
// page has passes and failures to show.
import type { DemoLanguage, DemoTopic } from './profiles.js';

type Lines = Readonly<Record<DemoLanguage, string>>;
type TopicLines = Readonly<Record<DemoTopic, Lines>>;

export const OPENING: TopicLines = {
  'Order status': {
    ru: 'Добрый день, где мой заказ? Жду уже неделю.',
    uk: 'Добрий день, де моє замовлення? Чекаю вже тиждень.',
    en: 'Hi, where is my order? I have been waiting for a week.',
  },
  Delivery: {
    ru: 'Сколько стоит доставка и когда привезут?',
    uk: 'Скільки коштує доставка і коли привезуть?',
    en: 'How much is delivery and when will it arrive?',
  },
  Returns: {
    ru: 'Хочу вернуть товар, он не подошёл по размеру.',
    uk: 'Хочу повернути товар, він не підійшов за розміром.',
    en: 'I want to return an item, it does not fit.',
  },
  Payment: {
    ru: 'Не проходит оплата картой, что делать?',
    uk: 'Не проходить оплата карткою, що робити?',
    en: 'My card payment does not go through, what should I do?',
  },
  Spam: {
    ru: 'Выгодное предложение для вашего бизнеса! Реклама в каталогах недорого.',
    uk: 'Вигідна пропозиція для вашого бізнесу! Реклама в каталогах недорого.',
    en: 'Great offer for your business! Cheap catalogue advertising.',
  },
};

export const CLARIFY: TopicLines = {
  'Order status': {
    ru: 'Подскажите, пожалуйста, номер заказа?',
    uk: 'Підкажіть, будь ласка, номер замовлення?',
    en: 'Could you tell me your order number?',
  },
  Delivery: {
    ru: 'В какой город нужна доставка?',
    uk: 'До якого міста потрібна доставка?',
    en: 'Which city should we deliver to?',
  },
  Returns: {
    ru: 'Какой товар вы хотите вернуть и когда его получили?',
    uk: 'Який товар ви хочете повернути і коли його отримали?',
    en: 'Which item would you like to return, and when did it arrive?',
  },
  Payment: {
    ru: 'Какой картой вы платили и что пишет банк?',
    uk: 'Якою карткою ви платили і що пише банк?',
    en: 'Which card did you use, and what does the bank say?',
  },
  Spam: { ru: 'Что вы предлагаете?', uk: 'Що ви пропонуєте?', en: 'What are you offering?' },
};

export const DETAIL: TopicLines = {
  'Order status': {
    ru: 'Номер 48213, оформляла в понедельник.',
    uk: 'Номер 48213, оформлювала в понеділок.',
    en: 'It is 48213, I ordered on Monday.',
  },
  Delivery: { ru: 'В Казань.', uk: 'До Львова.', en: 'To Manchester.' },
  Returns: {
    ru: 'Куртку, получила три дня назад.',
    uk: 'Куртку, отримала три дні тому.',
    en: 'The jacket, it came three days ago.',
  },
  Payment: {
    ru: 'Visa, банк пишет «операция отклонена».',
    uk: 'Visa, банк пише «операцію відхилено».',
    en: 'A Visa card, the bank says "declined".',
  },
  Spam: { ru: 'Звоните!', uk: 'Телефонуйте!', en: 'Call us!' },
};

export const ANSWER: TopicLines = {
  'Order status': {
    ru: 'Ваш заказ передан в доставку, курьер привезёт его завтра с 10 до 14 часов.',
    uk: 'Ваше замовлення передано в доставку, курʼєр привезе його завтра з 10 до 14 години.',
    en: 'Your order is with the courier and will arrive tomorrow between 10 am and 2 pm.',
  },
  Delivery: {
    ru: 'Доставка бесплатна от 3000 рублей и обычно занимает два дня.',
    uk: 'Доставка безкоштовна від 1000 гривень і зазвичай займає два дні.',
    en: 'Delivery is free over 50 pounds and usually takes two days.',
  },
  Returns: {
    ru: 'Вернуть товар можно в течение 14 дней: заявка на возврат оформлена, курьер заберёт его.',
    uk: 'Повернути товар можна протягом 14 днів: заявку на повернення оформлено, курʼєр забере його.',
    en: 'You can return it within 14 days: the return request is ready and a courier will pick it up.',
  },
  Payment: {
    ru: 'Банк отклонил платёж из-за лимита, сейчас ограничение снято — попробуйте оплатить ещё раз.',
    uk: 'Банк відхилив платіж через ліміт, зараз обмеження знято — спробуйте оплатити ще раз.',
    en: 'The bank declined it because of a limit, which is lifted now, so please try paying again.',
  },
  Spam: {
    ru: 'Спасибо, нам это не нужно.',
    uk: 'Дякуємо, нам це не потрібно.',
    en: 'Thank you, we do not need it.',
  },
};

export const GREETING: Lines = { ru: 'Здравствуйте', uk: 'Вітаю', en: 'Hello' };
export const INTRO: Lines = {
  ru: 'Меня зовут {op}.',
  uk: 'Мене звати {op}.',
  en: 'My name is {op}.',
};
export const ASK_NAME: Lines = {
  ru: 'Как я могу к вам обращаться?',
  uk: 'Як я можу до вас звертатися?',
  en: 'How may I address you?',
};
export const WARNING: Lines = {
  ru: 'Сейчас проверю, это займёт около трёх минут.',
  uk: 'Зараз перевірю, це займе близько трьох хвилин.',
  en: 'Let me check, it will take about three minutes.',
};
export const ONE_WORD: Lines = { ru: 'Да.', uk: 'Так.', en: 'Yes.' };
export const PHONE_PUSH: Lines = {
  ru: 'Лучше позвоните нам по телефону 8 800 555-35-35.',
  uk: 'Краще зателефонуйте нам за номером 0 800 555 353.',
  en: 'Better call our hotline at 1 800 555 0199.',
};
export const HELPED: Lines = {
  ru: 'Подскажите, это помогло?',
  uk: 'Підкажіть, це допомогло?',
  en: 'Did that help?',
};
export const THANKS: Lines = { ru: 'Да, спасибо!', uk: 'Так, дякую!', en: 'Yes, thank you!' };
export const ANYTHING_ELSE: Lines = {
  ru: 'Могу ли я ещё чем-нибудь помочь?',
  uk: 'Чи можу я ще чимось допомогти?',
  en: 'Is there anything else I can help you with?',
};
export const THAT_IS_ALL: Lines = {
  ru: 'Нет, это всё.',
  uk: 'Ні, це все.',
  en: 'No, that is all.',
};
export const FAREWELL: Lines = {
  ru: 'Всего доброго, {name}! Хорошего дня.',
  uk: 'Гарного дня, {name}! До побачення.',
  en: 'Goodbye, {name}, have a nice day!',
};
export const FAREWELL_NAMELESS: Lines = {
  ru: 'Всего доброго!',
  uk: 'До побачення!',
  en: 'Goodbye!',
};
export const TRANSFER_NOTE: Lines = {
  ru: 'Передаю ваш вопрос коллегам из отдела продаж, они ответят здесь же.',
  uk: 'Передаю ваше питання колегам з відділу продажів, вони дадуть відповідь тут.',
  en: 'I am passing your question to our sales team, they will answer here.',
};

export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
