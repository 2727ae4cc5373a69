// Keyboard shortcuts are global, but closing or transferring acts on the open
// conversation: the shortcut layer posts a command, the open view handles it.
export type Command = 'close' | 'transfer' | 'focus-composer';

type Listener = (command: Command) => void;
const listeners = new Set<Listener>();

export function onCommand(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function runCommand(command: Command): void {
  for (const l of listeners) l(command);
}
