/** Transient notifications ("Deployed order v3"). UI state only; each toast removes itself. */
import { create } from 'zustand';

export type ToastKind = 'success' | 'error' | 'info';
export interface Toast { id: number; kind: ToastKind; message: string }

interface ToastState {
  toasts: Toast[];
  toastShown: (kind: ToastKind, message: string, ttlMs?: number) => void;
  toastDismissed: (id: number) => void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  toastShown: (kind, message, ttlMs = 6000) => {
    const id = nextId++;
    set({ toasts: [...get().toasts, { id, kind, message }] });
    if (ttlMs > 0) setTimeout(() => get().toastDismissed(id), ttlMs);
  },
  toastDismissed: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const selectToasts = (s: ToastState) => s.toasts;
export const selectToastShown = (s: ToastState) => s.toastShown;
export const selectToastDismissed = (s: ToastState) => s.toastDismissed;
