/** EventBus event names and overlay types of the live overlay, in one place (one overlay type per category). */
export const LIVE_OVERLAY_CHANGED = 'baton.live.changed';

export const OVERLAY = {
  active: 'baton-live-active',
  incidents: 'baton-live-incidents',
  cancelled: 'baton-live-cancelled',
  completed: 'baton-live-completed',
  wait: 'baton-live-wait',
  passes: 'baton-live-passes',
  decision: 'baton-live-decision',
} as const;

export const MARKER = {
  activeElement: 'baton-active-element',
  completedElement: 'baton-completed-element',
  incidentElement: 'baton-incident-element',
  takenFlow: 'baton-taken-flow',
  skippedFlow: 'baton-skipped-flow',
  selected: 'baton-selected',
} as const;
