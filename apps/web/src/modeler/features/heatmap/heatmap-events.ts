/** EventBus event and overlay type of the heatmap. */
export const HEATMAP_CHANGED = 'baton.heatmap.changed';
export const HEAT_OVERLAY = 'baton-heat';
