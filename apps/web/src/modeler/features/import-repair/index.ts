/** Import repair: opens files whose DI points at elements bpmn-js cannot use as a root. */
import ImportRepair from './ImportRepair';

export default {
  __init__: ['importRepair'],
  importRepair: ['type', ImportRepair],
};
