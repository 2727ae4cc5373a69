// @vitest-environment happy-dom
// The channel page's auto-close setting (issue 17): the kind's default, never,
// or minutes of the admin's own, stored as settings.autoCloseMs.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelKind } from '../../web/src/api/types';
import { AutoCloseEditor } from '../../web/src/views/admin/auto-close-editor';
import type { Settings } from '../../web/src/views/admin/channel-form';
import { Providers } from './setup';

let latest: Settings = {};
function Harness({ kind, initial }: { kind: ChannelKind; initial: Settings }) {
  const [settings, setSettings] = useState<Settings>(initial);
  latest = settings;
  return <AutoCloseEditor kind={kind} settings={settings} onChange={setSettings} error={null} />;
}

describe('auto-close setting', () => {
  afterEach(cleanup);

  it('names each kind’s default: 30 minutes for the website chat, never for e-mail', () => {
    render(<Harness kind="widget" initial={{}} />, { wrapper: Providers });
    expect(
      screen.getByRole('option', { name: 'Default for this kind of channel (after 30 min)' }),
    ).toBeTruthy();
    cleanup();
    render(<Harness kind="email" initial={{}} />, { wrapper: Providers });
    expect(
      screen.getByRole('option', { name: 'Default for this kind of channel (never)' }),
    ).toBeTruthy();
  });

  it('stores minutes of the admin’s own, 0 for never, and null for the default', () => {
    render(<Harness kind="telegram" initial={{}} />, { wrapper: Providers });
    const mode = screen.getByLabelText('Close idle conversations');
    fireEvent.change(mode, { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('Minutes of client silence'), {
      target: { value: '15' },
    });
    expect(latest.autoCloseMs).toBe(15 * 60_000);
    fireEvent.change(mode, { target: { value: 'off' } });
    expect(latest.autoCloseMs).toBe(0);
    fireEvent.change(mode, { target: { value: 'default' } });
    expect(latest.autoCloseMs).toBeNull();
  });
});
