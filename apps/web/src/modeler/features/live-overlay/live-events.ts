/** EventBus event names and overlay types of the live overlay, in one place (one overlay type per category). */
export const LIVE_OVERLAY_CHANGED = 'baton.live.changed';
/** a link badge was clicked: `{ href }` (the page navigates; the overlay never does) */
export const LIVE_LINK_CLICKED = 'baton.live.link';

export const OVERLAY = {
  active: 'baton-live-active',
  incidents: 'baton-live-incidents',
  cancelled: 'baton-live-cancelled',
  completed: 'baton-live-completed',
  wait: 'baton-live-wait',
  passes: 'baton-live-passes',
  decision: 'baton-live-decision',
  link: 'baton-live-link',
} as const;

export const MARKER = {
  activeElement: 'baton-active-element',
  completedElement: 'baton-completed-element',
  incidentElement: 'baton-incident-element',
  takenFlow: 'baton-taken-flow',
  skippedFlow: 'baton-skipped-flow',
  selected: 'baton-selected',
} as const;
