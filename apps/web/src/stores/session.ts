/**
 * Session UI state. Who is logged in is server data (the `auth.me` query); this store only remembers
 * where the user wanted to go before being sent to /login and why they were sent there.
 */
import { create } from 'zustand';

interface SessionUiState {
  returnTo: string | null;
  notice: string | null;
  loginRequired: (returnTo: string, notice?: string) => void;
  loggedIn: () => void;
  loggedOut: () => void;
}

export const useSessionStore = create<SessionUiState>()((set) => ({
  returnTo: null,
  notice: null,
  loginRequired: (returnTo, notice) => set({ returnTo, notice: notice ?? null }),
  loggedIn: () => set({ returnTo: null, notice: null }),
  loggedOut: () => set({ returnTo: null, notice: 'You are logged out.' }),
}));

export const selectReturnTo = (s: SessionUiState) => s.returnTo;
export const selectNotice = (s: SessionUiState) => s.notice;
export const selectLoginRequired = (s: SessionUiState) => s.loginRequired;
export const selectLoggedIn = (s: SessionUiState) => s.loggedIn;
export const selectLoggedOut = (s: SessionUiState) => s.loggedOut;
