/**
 * UI state of the live instance page: which element is selected, which side panel is open, whether
 * completed counters show, and the replay position (null = live). Server data stays in the query cache.
 */
import { create } from 'zustand';

export type InstanceTab = 'history' | 'variables' | 'incidents';

interface LiveInstanceUiState {
  selectedElementId: string | null;
  tab: InstanceTab;
  showCompleted: boolean;
  /** number of history events replayed (null = follow live) */
  replayIndex: number | null;
  playing: boolean;
  elementSelected: (id: string | null) => void;
  tabChosen: (tab: InstanceTab) => void;
  showCompletedToggled: () => void;
  replayMoved: (index: number | null) => void;
  playToggled: (playing: boolean) => void;
  pageLeft: () => void;
}

export const useLiveInstanceUi = create<LiveInstanceUiState>()((set) => ({
  selectedElementId: null,
  tab: 'history',
  showCompleted: false,
  replayIndex: null,
  playing: false,
  elementSelected: (id) => set({ selectedElementId: id }),
  tabChosen: (tab) => set({ tab }),
  showCompletedToggled: () => set((s) => ({ showCompleted: !s.showCompleted })),
  replayMoved: (index) => set({ replayIndex: index }),
  playToggled: (playing) => set({ playing }),
  pageLeft: () => set({ selectedElementId: null, replayIndex: null, playing: false, tab: 'history' }),
}));

export const selectSelectedElement = (s: LiveInstanceUiState) => s.selectedElementId;
export const selectTab = (s: LiveInstanceUiState) => s.tab;
export const selectShowCompleted = (s: LiveInstanceUiState) => s.showCompleted;
export const selectReplayIndex = (s: LiveInstanceUiState) => s.replayIndex;
export const selectPlaying = (s: LiveInstanceUiState) => s.playing;
export const selectElementSelected = (s: LiveInstanceUiState) => s.elementSelected;
export const selectTabChosen = (s: LiveInstanceUiState) => s.tabChosen;
export const selectShowCompletedToggled = (s: LiveInstanceUiState) => s.showCompletedToggled;
export const selectReplayMoved = (s: LiveInstanceUiState) => s.replayMoved;
export const selectPlayToggled = (s: LiveInstanceUiState) => s.playToggled;
export const selectPageLeft = (s: LiveInstanceUiState) => s.pageLeft;
