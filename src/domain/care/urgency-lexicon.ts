// The words behind the urgency flag (urgency.ts), in Russian, Ukrainian and
// English. Each entry is a regular expression over lower-cased text (ё as е,
// typographic apostrophes as '), matched after a non-letter, so stems may be
// open-ended (`безобрази\p{L}*`). Written from the tuning half of the labeled
// set (test/domain/care/fixtures/urgency-tuning.json) and common sense; the
// held-out half was never used to add or drop an entry.

/** What made a message urgent; stored on the conversation and shown translated. */
export const URGENCY_REASONS = [
  'repeat_contact',
  'long_wait',
  'refund_demand',
  'threat',
  'anger',
  'urgent',
  'shouting',
  'punctuation',
] as const;

export type UrgencyReason = (typeof URGENCY_REASONS)[number];

type Lexicon = Record<
  'repeat_contact' | 'long_wait' | 'refund_demand' | 'threat' | 'anger' | 'urgent',
  readonly string[]
>;

const ORDINAL_EN = '(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\\d+th)';
const ORDINAL_RU = '(?:второй|третий|четвертый|пятый|\\d+-?й)';
const ORDINAL_UK = "(?:другий|третій|четвертий|п'ятий|\\d+-?й)";
const DURATION_EN =
  '(?:\\d+|an?|one|two|three|several|many|over an?|more than an?)\\s+(?:minutes?|hours?|days?|weeks?|months?)';
const DURATION_RU =
  '(?:час|сутки|день|неделю|месяц|полчаса|\\d+\\s+(?:минут|час|дн|недел|месяц)\\p{L}*)';
const DURATION_UK =
  '(?:годину|добу|день|тиждень|місяць|півгодини|\\d+\\s+(?:хвилин|годин|дн|тижн|місяц)\\p{L}*)';

export const LEXICON: Lexicon = {
  repeat_contact: [
    `(?:the\\s+)?${ORDINAL_EN}\\s+time\\s+(?:i'?m\\s+|i\\s+am\\s+|i'?ve\\s+)?(?:writ|ask|contact|messag|call|tell)\\p{L}*`,
    '(?:asked|told|written to|wrote to|contacted|called)\\s+(?:you\\s+)?(?:twice|three times|several times|many times)',
    '(?:still|yet)\\s+no\\s+(?:response|answer|reply)',
    '(?:nobody|no one|no-one)\\s+(?:answers|replies|responds|is answering|is replying|has answered|has replied)',
    'why\\s+(?:does|do|is)\\s+(?:nobody|no one)',
    `${ORDINAL_RU}\\s+раз\\s+(?:пишу|спрашиваю|обращаюсь|звоню|прошу|пишем)`,
    '(?:пишу|обращаюсь|звоню)\\s+уже\\s+(?:второй|третий|который|\\d+)',
    'никто\\s+не\\s+(?:отвечает|отвечаете|ответил|перезвонил)',
    'где\\s+(?:же\\s+)?ответ',
    'сколько\\s+можно',
    `${ORDINAL_UK}\\s+раз\\s+(?:пишу|питаю|звертаюся|дзвоню|прошу)`,
    '(?:вдруге|втретє|вчетверте)\\s+(?:пишу|питаю|звертаюся|дзвоню|прошу)',
    'ніхто\\s+не\\s+(?:відповідає|відповів|передзвонив)',
    'скільки\\s+можна',
  ],
  long_wait: [
    `(?:waiting|waited)\\s+(?:for\\s+)?(?:an?\\s+|the\\s+)?(?:answer|reply|response|call)?\\s*(?:for\\s+)?${DURATION_EN}`,
    `(?:жду|ждем|ожидаю)\\s+(?:ответа\\s+)?(?:уже\\s+)?(?:целый\\s+|больше\\s+|более\\s+)?${DURATION_RU}`,
    `(?:уже|целый)\\s+${DURATION_RU}\\s+(?:жду|ждем|ожидаю)`,
    `(?:чекаю|чекаємо)\\s+(?:відповіді\\s+)?(?:вже\\s+)?(?:цілу\\s+|цілий\\s+|більше\\s+)?${DURATION_UK}`,
    `(?:вже|цілу|цілий)\\s+${DURATION_UK}\\s+(?:чекаю|чекаємо)`,
  ],
  refund_demand: [
    '(?:i\\s+want|give\\s+me|i\\s+demand|i\\s+need|return)\\s+(?:back\\s+)?(?:my|a\\s+full|a|the)\\s+(?:money|refund)',
    'refund\\s+me',
    'верните\\s+(?:мне\\s+)?(?:мои\\s+)?деньги',
    'возвращайте\\s+(?:мне\\s+)?(?:мои\\s+)?деньги',
    'требую\\s+(?:возврат|вернуть|компенсац)\\p{L}*',
    '(?:верніть|поверніть)\\s+(?:мені\\s+)?(?:мої\\s+)?(?:гроші|кошти)',
    'вимагаю\\s+(?:повернен|повернути|компенсац)\\p{L}*',
  ],
  threat: [
    '(?:cancel|close|delete)\\s+my\\s+(?:subscription|account|membership)',
    '(?:file|make|lodge|write)\\s+(?:a\\s+)?complaint',
    'report(?:ing)?\\s+you',
    '(?:my\\s+)?lawyer|attorney|lawsuit|sue\\s+you|take\\s+you\\s+to\\s+court|consumer\\s+protection',
    '(?:leave|write|post)\\s+(?:a\\s+)?(?:bad\\s+|negative\\s+)?review',
    'never\\s+(?:buy|buying|order|ordering|use|using|shop|shopping)\\p{L}*\\s+(?:\\p{L}+\\s+){0,3}again',
    '(?:get|call|give)\\s+me\\s+(?:a|the|your)\\s+(?:manager|supervisor)',
    '(?:speak|talk)\\s+to\\s+(?:a|the|your)\\s+(?:manager|supervisor)',
    '(?:буду|будем)\\s+жаловаться',
    '(?:напишу|подам|оставлю|напишем)\\s+(?:жалобу|претензию|заявление|отзыв)',
    'роспотребнадзор\\p{L}*',
    '(?:подам|подаю|обращусь)\\s+в\\s+суд',
    'прокуратур\\p{L}*',
    'ухожу\\s+к\\s+конкурент\\p{L}*',
    'больше\\s+никогда',
    'позовите\\s+(?:руководител|начальник|старш)\\p{L}*',
    'буду\\s+скаржит\\p{L}*',
    '(?:напишу|подам|залишу)\\s+(?:скаргу|претензію|відгук)',
    '(?:подам|звернуся)\\s+до\\s+суду',
    'піду\\s+до\\s+конкурент\\p{L}*',
    'більше\\s+ніколи',
    'покличте\\s+(?:керівник|начальник|старш)\\p{L}*',
  ],
  anger: [
    'useless',
    'ridiculous',
    'unacceptable',
    '(?:is\\s+this\\s+)?a\\s+joke',
    'scam\\p{L}*',
    'furious',
    'outrageous',
    'disgusting',
    'worst',
    'terrible',
    'awful',
    'horrible',
    'incompetent',
    'what\\s+is\\s+going\\s+on',
    'безобрази\\p{L}*',
    'издеваетесь',
    'ужасн\\p{L}*',
    'кошмар\\p{L}*',
    'отвратительн\\p{L}*',
    'мошенни\\p{L}*',
    'обман\\p{L}*',
    'бесполезн\\p{L}*',
    'возмутительн\\p{L}*',
    'нахамил\\p{L}*',
    'хамств\\p{L}*',
    'позор\\p{L}*',
    'жах\\p{L}*',
    'шахра\\p{L}*',
    'знущаєтес\\p{L}*',
    'неподобств\\p{L}*',
    'ганьб\\p{L}*',
    'безглузд\\p{L}*',
  ],
  urgent: [
    'urgent(?:ly)?',
    'asap',
    'immediately',
    'right\\s+now',
    '(?:очень\\s+)?срочно',
    'немедленно',
    'прямо\\s+сейчас',
    '(?:дуже\\s+)?терміново',
    'негайно',
    'просто\\s+зараз',
  ],
};

/** Words that soften a message: thanks and delight outweigh exclamation marks. */
export const GRATITUDE = [
  'thanks?',
  'thank\\s+you',
  'great',
  'perfect',
  'wow',
  'awesome',
  'excellent',
  'спасибо',
  'благодар\\p{L}*',
  'отлично',
  'класс',
  'супер',
  'ура',
  'дякую',
  'чудово',
  'клас',
];

/** Politeness lowers the score a little; it never cancels a threat or a demand. */
export const POLITENESS = [
  'please',
  'sorry',
  'could\\s+you',
  'would\\s+you',
  'no\\s+rush',
  'пожалуйста',
  'извините',
  'подскажите',
  'не\\s+могли\\s+бы',
  'вежливо',
  'будь\\s+ласка',
  'вибачте',
  'підкажіть',
  'ввічливо',
];

/** Mild negatives: not enough alone, enough with shouting or "!!!". */
export const DISCONTENT = [
  'disappointed',
  'unfortunately',
  'complain\\p{L}*',
  'расстроен\\p{L}*',
  'к\\s+сожалению',
  'жалоб\\p{L}*',
  'засмучен\\p{L}*',
  'на\\s+жаль',
  'скарг\\p{L}*',
];
