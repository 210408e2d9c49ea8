/**
 * What the live overlay draws, independent of where it came from: one instance's reduced view
 * (instance page, replay) or aggregate counts across instances (process page).
 */
export interface ElementBadges {
  active: number;
  incidents: number;
  cancelled: number;
  completed: number;
  /** times a token entered; shown as a loop counter when > 1 */
  passes: number;
  /** label above a wait state, e.g. "timer due 14:05" */
  wait?: string;
}

export interface FlowDecisionLabel {
  taken: boolean;
  /** "amount > 1000 → false" */
  label?: string;
}

export interface LiveState {
  elements: Record<string, ElementBadges>;
  /** flows taken so far (stroked) */
  taken: string[];
  /** flows not taken (dashed) */
  skipped: string[];
  decisions: Record<string, FlowDecisionLabel>;
  /** link badges, e.g. a call activity's called instances */
  links?: Record<string, { href: string; label: string }[]>;
  showCompleted: boolean;
}

export const emptyLiveState = (): LiveState => ({ elements: {}, taken: [], skipped: [], decisions: {}, showCompleted: false });
