// A channel: priority (1 is served first), default team, its own SLA
// thresholds, client notices and, for the website chat, widget settings.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { ChannelKind, ChannelView } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { channelSla } from '../../lib/sla';
import { useMe, useReference } from '../../lib/use-account';
import { AutoCloseEditor } from './auto-close-editor';
import { BotSettingsEditor } from './bot-settings-editor';
import { ConnectionEditor } from './connection-editor';
import { NoticesEditor } from './notices-editor';
import { ServiceTargetFields, type ServiceTargets } from './service-targets';
import { msToSeconds, secondsToMs, useSave } from './use-save';
import { WidgetSettingsEditor } from './widget-settings-editor';

const KINDS: readonly ChannelKind[] = ['widget', 'telegram', 'email', 'api'];
export type Settings = Record<string, unknown>;

export function ChannelForm({
  channel,
  onDone,
}: {
  channel: ChannelView | null;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { teams } = useReference();
  const account = useMe().account.settings;
  const save = useSave();
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'widget');
  const [name, setName] = useState(channel?.name ?? '');
  const [priority, setPriority] = useState(String(channel?.priority ?? 1));
  const [teamId, setTeamId] = useState(channel?.defaultTeamId ?? '');
  const sla = channelSla(channel ?? undefined);
  const ownTarget = channel?.settings.serviceLevelTargetMs;
  const [targets, setTargets] = useState<ServiceTargets>({
    yellow: msToSeconds(sla?.yellowMs),
    red: msToSeconds(sla?.redMs),
    target: msToSeconds(typeof ownTarget === 'number' ? ownTarget : undefined),
  });
  // Unknown keys (set by other tools) are kept; the server never sends secrets here.
  const [settings, setSettings] = useState<Settings>(channel?.settings ?? {});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const yellowMs = secondsToMs(targets.yellow);
    const redMs = secondsToMs(targets.red);
    const { sla: _old, serviceLevelTargetMs: _oldTarget, ...rest } = settings;
    // Emptied fields are sent as null: the server merges a change over what is
    // stored, so leaving a key out would keep the old value.
    const nextSettings: Settings = {
      ...rest,
      sla:
        yellowMs !== null || redMs !== null
          ? {
              ...(yellowMs !== null ? { yellowMs } : {}),
              ...(redMs !== null ? { redMs } : {}),
            }
          : null,
      serviceLevelTargetMs: secondsToMs(targets.target),
    };
    const body = {
      name: name.trim(),
      priority: Number(priority),
      defaultTeamId: teamId || null,
      settings: nextSettings,
    };
    const ok = await save.run(() =>
      channel
        ? api.patch(`/channels/${channel.id}`, body)
        : api.post('/channels', { ...body, kind }),
    );
    if (ok) onDone();
  }

  const err = (f: string) => fieldError(save.error, f);
  return (
    <Dialog title={channel ? t('channels.edit') : t('channels.create')} onClose={onDone}>
      <form className="form wide-form" onSubmit={submit} noValidate>
        <FormError
          error={save.error}
          fields={['kind', 'name', 'priority', 'defaultTeamId', 'settings']}
        />
        <div className="field-row">
          <Field label={t('channels.kind')} error={err('kind')}>
            {(p) => (
              <select
                {...p}
                value={kind}
                disabled={channel !== null}
                onChange={(e) => setKind(e.target.value as ChannelKind)}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`channelKind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('channels.name')} error={err('name')}>
            {(p) => (
              <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field
            label={t('channels.priority')}
            hint={t('channels.priorityHint')}
            error={err('priority')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={100}
                value={priority}
                onChange={(e) => setPriority(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('channels.defaultTeam')} error={err('defaultTeamId')}>
            {(p) => (
              <select {...p} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">{t('common.none')}</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset>
          <legend>{t('channels.sla')}</legend>
          <p className="hint">{t('channels.slaHint')}</p>
          <ServiceTargetFields
            value={targets}
            onChange={setTargets}
            error={err}
            targetHint={t('channels.serviceLevelTargetHint')}
            inherited={{
              yellow: msToSeconds(account.sla.yellowMs),
              red: msToSeconds(account.sla.redMs),
              target: msToSeconds(account.serviceLevelTargetMs),
            }}
          />
        </fieldset>
        {kind !== 'widget' && (
          <ConnectionEditor
            kind={kind}
            settings={settings}
            onChange={setSettings}
            error={save.error}
            editing={channel !== null}
            channelId={channel?.id ?? null}
          />
        )}
        <AutoCloseEditor
          kind={kind}
          settings={settings}
          onChange={setSettings}
          error={save.error}
        />
        <NoticesEditor settings={settings} onChange={setSettings} error={save.error} />
        <BotSettingsEditor
          settings={settings}
          onChange={setSettings}
          channelId={channel?.id ?? null}
          isWidget={kind === 'widget'}
          error={save.error}
        />
        {kind === 'widget' && (
          <WidgetSettingsEditor
            settings={settings}
            onChange={setSettings}
            publicKey={channel?.publicKey ?? null}
            error={save.error}
          />
        )}
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {channel ? t('common.save') : t('common.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
