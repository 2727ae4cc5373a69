// Global keyboard shortcuts (docs/web.md): Alt+N next conversation, Alt+C
// close, Alt+T transfer, Alt+M focus the message box, ? this help. Keys are
// matched by `code`, since Alt+letter types other characters on some layouts.
import { useEffect, useState } from 'react';
import { dialogOpen } from '../components/dialog';
import { runCommand } from '../state/commands';
import { openConversation, router } from '../state/router';
import { clocks, mine } from '../state/workspace';
import { nextConversation, orderMine } from './mine-order';

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)));
}

export function useGlobalShortcuts(): { open: boolean; close: () => void } {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      // Nothing acts behind an open dialog: its own keys (Escape) are its business.
      if (dialogOpen()) return;
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const route = router.get();
        const current = route.view === 'workspace' ? route.conversationId : null;
        if (e.code === 'KeyN') {
          e.preventDefault();
          const next = nextConversation(orderMine(mine.get().values(), clocks.get()), current);
          if (next) openConversation(next);
        } else if (e.code === 'KeyC') {
          e.preventDefault();
          runCommand('close');
        } else if (e.code === 'KeyT') {
          e.preventDefault();
          runCommand('transfer');
        } else if (e.code === 'KeyM') {
          e.preventDefault();
          runCommand('focus-composer');
        }
        return;
      }
      if (e.key === '?' && !inTextField(e.target)) {
        e.preventDefault();
        setOpen((v) => !v);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return { open, close: () => setOpen(false) };
}
