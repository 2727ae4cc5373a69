// Short messages at the corner of the screen (assignment, lost race, saved).
import { createStore } from './store';

export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'success';
  text: string;
}

export const toasts = createStore<readonly Toast[]>([]);
let nextId = 1;

export function toast(kind: Toast['kind'], text: string, ms = 6000): void {
  const id = nextId++;
  // A burst (five assignments on going online) shows one toast, not five.
  toasts.set((list) => [...list.filter((x) => x.text !== text).slice(-2), { id, kind, text }]);
  setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number): void {
  toasts.set((list) => (list.some((x) => x.id === id) ? list.filter((x) => x.id !== id) : list));
}
