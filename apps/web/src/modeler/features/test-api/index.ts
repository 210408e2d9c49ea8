/**
 * `window.__batonModeler`: a read-mostly test API so e2e tests check canvas state by ids and
 * selection instead of pixels (tldraw-style). Harmless in production: it exposes only what the user
 * already sees. Registered when a modeler is created, removed when it is destroyed.
 */
import TestApi from './TestApi';

export default {
  __init__: ['batonTestApi'],
  batonTestApi: ['type', TestApi],
};
