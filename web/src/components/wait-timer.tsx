// A live wait timer coloured by the shared SLA rule (src/domain/sla.ts).
// It reads the time from its parent, which holds the one shared ticker.
import { useI18n } from '../i18n';
import { formatDuration } from '../lib/format';
import { type SlaThresholds, slaColour } from '../lib/sla';

export function WaitTimer({
  since,
  now,
  thresholds,
  label,
}: {
  since: number;
  now: number;
  thresholds: SlaThresholds;
  label?: string;
}) {
  const { t } = useI18n();
  const colour = slaColour(since, now, thresholds);
  const time = formatDuration(now - since);
  return (
    <span
      role="timer"
      className={`timer sla-${colour}`}
      data-sla={colour}
      title={t(`sla.${colour}`)}
      aria-label={`${label ?? t('queue.waiting')} ${time}, ${t(`sla.${colour}`)}`}
    >
      {time}
    </span>
  );
}
