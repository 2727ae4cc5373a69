// Short messages at the corner of the screen (assignment, lost race, saved).
import { createStore } from './store';

export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'success';
  text: string;
  /** A link-like button in the toast (a mention opens its note). */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run(): void;
}

export const toasts = createStore<readonly Toast[]>([]);
let nextId = 1;

export function toast(
  kind: Toast['kind'],
  text: string,
  action?: ToastAction,
  ms = action ? 12_000 : 6000,
): void {
  const id = nextId++;
  // A burst (five assignments on going online) shows one toast, not five.
  toasts.set((list) => [
    ...list.filter((x) => x.text !== text).slice(-2),
    { id, kind, text, ...(action ? { action } : {}) },
  ]);
  setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number): void {
  toasts.set((list) => (list.some((x) => x.id === id) ? list.filter((x) => x.id !== id) : list));
}
