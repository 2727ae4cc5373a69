import { type AnalyzedMessage, coveredBy } from './analyze.js';
import type { Dialog } from './dialog.js';
import { fail, notApplicable, pass } from './outcome.js';
import { isOneWordReply } from './substance.js';
import type { AuditCheckResult } from './types.js';

// Yes and no answer a question even alone; "ок", "понял", "thanks" only acknowledge.
const YES_NO = new Set(['да', 'нет', 'так', 'ні', 'yes', 'no', 'nope', 'yep', 'неа']);

/** A bare reply that still answers ("Да.", "Завтра.", "I don't know") rather than acknowledges. */
function isBareAnswer(dialog: Dialog, m: AnalyzedMessage): boolean {
  if (!isOneWordReply(m, dialog.nameKeys)) return false;
  return m.sentences.some((s) => {
    const ack = coveredBy(s, ['ack', 'thanks', 'wait', 'apology', 'greeting', 'welcome']);
    return s.tokens.some((t, i) => !ack.has(i) || YES_NO.has(t.word));
  });
}

/** A reply this long after the client wrote needs a warning first (issue 6). */
export const LONG_PAUSE_MS = 120_000;

/**
 * 6 wait_warning — every operator message that comes ≥ 120 s after the first
 * unanswered client message (the reaction-time start of DESIGN §4) must be
 * preceded by an operator warning sent since the previous real reply. A
 * warning says it will take time or what the operator is doing; it keeps the
 * client knowingly waiting until the next real reply. A bare acknowledgement
 * ("ок", "thanks, one moment") is neither: it neither warns nor restarts the
 * clock. Only a reply with substance (an answer or a question) restarts it.
 * A late warning is itself a late reply. Bot and system messages are ignored.
 */
export function checkWaitWarning(dialog: Dialog): AuditCheckResult {
  let waitingSince: number | null = null;
  let warned = false;
  // The warning that covered the first long pause: the verdict points at it.
  type Warning = { m: AnalyzedMessage; span: [number, number] };
  let warning: Warning | null = null;
  let covering: Warning | null = null;
  for (const m of dialog.messages) {
    if (m.author === 'contact') {
      waitingSince ??= m.at;
      continue;
    }
    if (m.author !== 'operator') continue;
    const acts = m.sentences.map((s) => dialog.act(s));
    if (waitingSince !== null && m.at - waitingSince >= LONG_PAUSE_MS) {
      if (!warned) {
        const s = m.sentences[0];
        return fail(
          'wait_warning',
          m.seq,
          'The operator replies after a pause of 2+ minutes without warning the client.',
          s ? [s.start, m.sentences.at(-1)!.end] : null,
        );
      }
      covering ??= warning;
    }
    const w = acts.indexOf('warning');
    // A real reply restarts the clock; a warning in it covers the next wait.
    if (acts.includes('answer') || acts.includes('question') || isBareAnswer(dialog, m)) {
      waitingSince = null;
      warned = false;
    }
    if (w >= 0) {
      warned = true;
      const s = m.sentences[w]!;
      warning = { m, span: [s.start, s.end] };
    }
  }
  return covering === null
    ? notApplicable('wait_warning', 'No operator reply came 2+ minutes after the client.')
    : pass(
        'wait_warning',
        covering.m.seq,
        'The client was warned before every long pause.',
        covering.span,
      );
}
