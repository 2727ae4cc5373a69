// What happens in a demo conversation once the router has given it to an
// operator: their replies and the client's, with pauses, then the close, a
// category and maybe a rating. The operator's pace and habits come from their
// profile, so a quick, careful operator and a slow beginner leave different
// figures in statistics and the audit.
import { mulberry32 } from '../simulation/prng.js';
import {
  ANSWER,
  ANYTHING_ELSE,
  ASK_NAME,
  CLARIFY,
  DETAIL,
  FAREWELL,
  FAREWELL_NAMELESS,
  fill,
  GREETING,
  HELPED,
  INTRO,
  ONE_WORD,
  PHONE_PUSH,
  THANKS,
  THAT_IS_ALL,
  TRANSFER_NOTE,
  WARNING,
} from './phrases.js';
import type { DemoArrival } from './plan.js';
import type { DemoOperatorProfile } from './profiles.js';

export type DemoStep =
  | { afterMs: number; kind: 'operator'; text: string }
  | { afterMs: number; kind: 'contact'; text: string }
  /** The operator passes the conversation to the sales team; the script ends here. */
  | { afterMs: number; kind: 'transfer'; note: string }
  | { afterMs: number; kind: 'close'; targeted: boolean }
  | { afterMs: number; kind: 'rate'; rating: 'like' | 'dislike' };

const SECOND = 1000;

/**
 * The steps after an assignment, each `afterMs` after the previous one.
 * `continued`: the conversation came by transfer; the new operator picks up
 * where the first left off. `waitedMs`: how long the client waited for this
 * assignment (it colours the rating).
 */
export function conversationScript(
  arrival: DemoArrival,
  op: DemoOperatorProfile,
  continued: boolean,
  waitedMs: number,
): DemoStep[] {
  // Seeded by the conversation and the operator: the same pair says the same.
  const random = mulberry32(arrival.index * 7919 + op.key.length * 104_729 + (continued ? 1 : 0));
  const lang = arrival.client.language;
  const email = arrival.channel === 'email';
  // A pause of the operator (typing, looking things up) or of the client.
  const opPause = (s: number) => Math.round(op.pace * s * (0.6 + random() * 0.8) * SECOND);
  const clientPause = (s: number) => Math.round((email ? 20 : 1) * s * (0.5 + random()) * SECOND);
  const habit = () => random() < op.quality;
  const steps: DemoStep[] = [];
  const say = (afterMs: number, text: string) => steps.push({ afterMs, kind: 'operator', text });
  const hear = (afterMs: number, text: string) => steps.push({ afterMs, kind: 'contact', text });
  const topic = arrival.topic;

  if (topic === 'Spam') {
    if (habit()) say(opPause(20), ANSWER.Spam[lang]);
    steps.push({ afterMs: opPause(10), kind: 'close', targeted: false });
    return steps;
  }

  let name = arrival.client.name;
  const greet = habit() || habit();
  let first = greet
    ? `${GREETING[lang]}${name && habit() ? `, ${name}` : ''}! ${fill(INTRO[lang], { op: op.name })}`
    : '';
  if (!name && habit()) first = `${first} ${ASK_NAME[lang]}`.trim();
  const clarify = habit();
  if (clarify) first = `${first} ${CLARIFY[topic][lang]}`.trim();
  const firstDelay = opPause(email ? 900 : 12);
  if (first === '') {
    // No greeting, no question: straight to a bare reply — the audit's favourite failure.
    say(firstDelay, random() < 0.5 ? ONE_WORD[lang] : ANSWER[topic][lang]);
  } else {
    say(firstDelay, first);
    if (!arrival.client.name && first.includes(ASK_NAME[lang])) {
      name = fallbackName(lang, arrival.index);
      hear(clientPause(20), clarify ? `${name}. ${DETAIL[topic][lang]}` : name);
    } else if (clarify) hear(clientPause(30), DETAIL[topic][lang]);
  }

  if (arrival.transfer && !continued) {
    steps.push({ afterMs: opPause(40), kind: 'transfer', note: TRANSFER_NOTE[lang] });
    return steps;
  }

  // The answer needs a look-up: careful operators warn the client first.
  const lookUp = random() < 0.35;
  if (lookUp) {
    if (habit()) say(opPause(15), WARNING[lang]);
    steps.push({ afterMs: opPause(150), kind: 'operator', text: ANSWER[topic][lang] });
  } else if (first !== '') {
    say(opPause(email ? 600 : 45), ANSWER[topic][lang]);
  }
  if (random() > op.quality + 0.25) say(opPause(10), PHONE_PUSH[lang]);
  if (habit()) {
    say(opPause(8), HELPED[lang]);
    hear(clientPause(25), THANKS[lang]);
  }
  if (habit()) {
    say(opPause(8), ANYTHING_ELSE[lang]);
    hear(clientPause(20), THAT_IS_ALL[lang]);
  }
  const polite = habit();
  if (polite) say(opPause(8), name ? fill(FAREWELL[lang], { name }) : FAREWELL_NAMELESS[lang]);
  steps.push({ afterMs: opPause(30), kind: 'close', targeted: true });

  // About half the clients rate; slow waits and sloppy dialogs earn dislikes.
  if (random() < 0.5) {
    const good = op.quality * (waitedMs > 120_000 ? 0.6 : 1) * (polite ? 1 : 0.7);
    steps.push({
      afterMs: clientPause(40),
      kind: 'rate',
      rating: random() < 0.25 + good * 0.7 ? 'like' : 'dislike',
    });
  }
  return steps;
}

function fallbackName(lang: DemoArrival['client']['language'], index: number): string {
  const names = { ru: ['Павел', 'Юлия'], uk: ['Василь', 'Леся'], en: ['Tom', 'Kate'] }[lang];
  return names[index % names.length]!;
}
