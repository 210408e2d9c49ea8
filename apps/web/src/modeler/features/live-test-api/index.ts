/** Test-only window API of the live viewer. */
import LiveTestApi from './LiveTestApi';

export default {
  __init__: ['batonLiveTestApi'],
  batonLiveTestApi: ['type', LiveTestApi],
};
