/** Heatmap feature: elements coloured by passes or average duration across instances. */
import Heatmap from './Heatmap';

export default {
  __init__: ['heatmap'],
  heatmap: ['type', Heatmap],
};
