/** Inbox UI state: whether to show a browser notification for tasks assigned to me (remembered). */
import { create } from 'zustand';

const KEY = 'baton.inbox.notify';

interface InboxUiState {
  notify: boolean;
  notifyToggled: (on: boolean) => void;
}

const stored = () => {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
};

export const useInboxUiStore = create<InboxUiState>()((set) => ({
  notify: stored(),
  notifyToggled: (on) => {
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      // private mode: keep it for this session only
    }
    set({ notify: on });
  },
}));

export const selectNotify = (s: InboxUiState) => s.notify;
export const selectNotifyToggled = (s: InboxUiState) => s.notifyToggled;
