/** Live overlay feature: token, incident, cancelled and completed badges, wait labels and the path so far. */
import LiveOverlay from './LiveOverlay';

export default {
  __init__: ['liveOverlay'],
  liveOverlay: ['type', LiveOverlay],
};
