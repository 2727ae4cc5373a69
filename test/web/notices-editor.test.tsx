// @vitest-environment happy-dom
// Client notices are edited as plain text: values come from a list, the
// preview shows what the client reads in each language, and no template
// syntax appears.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../web/src/views/admin/channel-form';
import { NoticesEditor } from '../../web/src/views/admin/notices-editor';
import { Providers } from './setup';

let latest: Settings = {};
function Harness({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState<Settings>(initial);
  latest = settings;
  return <NoticesEditor settings={settings} onChange={setSettings} />;
}

describe('notices editor', () => {
  afterEach(cleanup);

  it('inserts a named value and previews the text with example values', () => {
    render(<Harness initial={{}} />, { wrapper: Providers });
    const box = screen.getByLabelText('Russian', {
      selector: '#notice-queued-ru',
    }) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Ваше место: ' } });
    box.setSelectionRange(12, 12);
    fireEvent.click(
      screen.getByRole('button', { name: 'Insert place in line into the Russian text' }),
    );
    expect(box.value).toBe('Ваше место: {position}');
    expect(latest.notices).toEqual({ queued: { ru: 'Ваше место: {position}' } });
    expect(screen.getByLabelText('Preview: In the queue, Russian').textContent).toContain(
      'Ваше место: 3',
    );
    // An untouched language previews the built-in text, values filled in.
    expect(screen.getByLabelText('Preview: In the queue, English').textContent).toContain(
      'You are #3 in line. An operator will reply as soon as possible. Estimated wait: about 5 min.',
    );
  });

  it('shows a text saved with the old template syntax as plain text', () => {
    render(
      <Harness
        initial={{ notices: { queued: { en: '{{#position}}No. {{position}}. {{/position}}Hi.' } } }}
      />,
      { wrapper: Providers },
    );
    const box = screen.getByLabelText('English', {
      selector: '#notice-queued-en',
    }) as HTMLTextAreaElement;
    expect(box.value).toBe('No. {position}. Hi.');
    expect(document.body.textContent).not.toContain('{{');
  });
});
