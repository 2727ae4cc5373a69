// @vitest-environment happy-dom
// Dialogs (issue 15, "fix on the way") and the visitor's context in the contact card.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationView } from '../../web/src/api/types';
import { Dialog } from '../../web/src/components/dialog';
import { ShortcutsHelp } from '../../web/src/components/shortcuts-help';
import { useGlobalShortcuts } from '../../web/src/lib/use-shortcuts';
import {
  VisitorContextView,
  visitorLocalTime,
} from '../../web/src/views/conversation/visitor-context';
import { Providers, resetStores, signIn } from './setup';

function Page() {
  const [open, setOpen] = useState(false);
  const help = useGlobalShortcuts();
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && (
        <Dialog title="Rename" onClose={() => setOpen(false)}>
          <input aria-label="New name" />
        </Dialog>
      )}
      {help.open && <ShortcutsHelp onClose={help.close} />}
    </>
  );
}

describe('dialogs', () => {
  beforeEach(() => {
    resetStores();
    signIn();
  });
  afterEach(cleanup);

  it('opens as a modal <dialog>, focuses its first field, closes on Escape and gives focus back', () => {
    render(<Page />, { wrapper: Providers });
    const opener = screen.getByRole('button', { name: 'Open' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Rename' });
    expect(dialog.tagName).toBe('DIALOG');
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(document.activeElement).toBe(screen.getByLabelText('New name'));
    // What the browser does on Escape in a modal dialog: a cancelable `cancel` event.
    const cancel = new Event('cancel', { cancelable: true });
    act(() => {
      dialog.dispatchEvent(cancel);
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('keeps shortcuts quiet behind an open dialog', () => {
    render(<Page />, { wrapper: Providers });
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    // `?` behind the open dialogs neither closes the help nor opens another.
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getAllByRole('dialog')).toHaveLength(2);
  });
});

const context: NonNullable<ConversationView['visitorContext']> = {
  url: 'https://shop.example/cart',
  title: 'Cart — Shop',
  referrer: 'https://search.example/?q=kettle',
  browser: 'Firefox 127',
  os: 'Linux',
  language: 'uk-UA',
  timeZone: 'Europe/Kyiv',
  utcOffsetMin: 180,
  updatedAt: '2026-05-01T10:00:00.000Z',
};

describe("the visitor's context", () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows the page as a link, where they came from, browser, system, language and local time', () => {
    signIn();
    render(<VisitorContextView context={context} live />, { wrapper: Providers });
    const page = screen.getByRole('link', { name: 'Cart — Shop' });
    expect(page.getAttribute('href')).toBe('https://shop.example/cart');
    expect(page.getAttribute('rel')).toContain('noopener');
    expect(screen.getByRole('link', { name: 'https://search.example/?q=kettle' })).toBeTruthy();
    for (const text of ['Firefox 127', 'Linux', 'uk-UA'])
      expect(screen.getByText(text)).toBeTruthy();
    expect(screen.getByText('Local time')).toBeTruthy();
  });

  it('says when the visitor came directly, and shows no clock for a closed conversation', () => {
    signIn();
    render(<VisitorContextView context={{ ...context, referrer: null }} live={false} />, {
      wrapper: Providers,
    });
    expect(screen.getByText('Typed the address or a bookmark')).toBeTruthy();
    expect(screen.queryByText('Local time')).toBeNull();
  });

  it("computes the visitor's clock from the offset when the zone is unknown", () => {
    const now = new Date('2026-05-01T10:05:00Z');
    const time = visitorLocalTime({ ...context, timeZone: null, utcOffsetMin: 330 }, now, 'en-GB');
    expect(time).toBe('15:35 UTC+5:30');
  });

  it('never links an address that is not http(s)', () => {
    signIn();
    render(
      <VisitorContextView context={{ ...context, url: 'javascript:alert(1)', title: 'x' }} live />,
      {
        wrapper: Providers,
      },
    );
    expect(screen.queryByRole('link', { name: 'x' })).toBeNull();
  });
});
