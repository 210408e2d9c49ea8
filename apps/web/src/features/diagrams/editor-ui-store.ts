/** Editor UI state that outlives one editor mount (the Problems panel stays as the user left it). */
import { create } from 'zustand';

interface EditorUiState {
  problemsOpen: boolean;
  problemsToggled: () => void;
  problemsShown: () => void;
}

export const useEditorUiStore = create<EditorUiState>()((set) => ({
  problemsOpen: true,
  problemsToggled: () => set((s) => ({ problemsOpen: !s.problemsOpen })),
  problemsShown: () => set({ problemsOpen: true }),
}));

export const selectProblemsOpen = (s: EditorUiState) => s.problemsOpen;
export const selectProblemsToggled = (s: EditorUiState) => s.problemsToggled;
export const selectProblemsShown = (s: EditorUiState) => s.problemsShown;
