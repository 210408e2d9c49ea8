/**
 * The ceiling: bare bpmn-engine 25 running the same XML in this process, with one pre-parsed
 * source context shared by every engine (what Baton does per definition version), silent logger.
 */
import BpmnModdle from 'bpmn-moddle';
import * as elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import Serializer, { TypeResolver } from 'moddle-context-serializer';
import { createRequire } from 'node:module';

const camunda = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json');

function silentLogger() {
  const noop = () => undefined;
  return { debug: noop, error: noop, warn: noop };
}

/** XML → shared serialized source context (parsed once) */
export async function parseOnce(xml) {
  const moddle = new BpmnModdle({ camunda });
  const parsed = await moddle.fromXML(xml.trim(), 'bpmn:Definitions');
  return Serializer(parsed, TypeResolver(elements));
}

let seq = 0;
function engine(sourceContext) {
  seq += 1;
  return new Engine({ name: `bare-${seq}`, sourceContext, Logger: silentLogger });
}

function ended(e) {
  return new Promise((resolve, reject) => {
    e.once('end', resolve);
    e.once('error', reject);
  });
}

/** one straight-through instance: execute until the end event */
export async function runStraight(sourceContext) {
  const e = engine(sourceContext);
  const done = ended(e);
  await e.execute({ variables: {} });
  await done;
}

/**
 * One user-task cycle as a persistent host must do it: execute → (waits at the user task) → getState →
 * JSON round trip (the snapshot written and read back) → recover in a NEW engine → resume → signal the
 * task → end.
 */
export async function runUserTaskCycle(sourceContext) {
  const first = engine(sourceContext);
  await first.execute({ variables: {} });
  const state = await first.getState();
  for (const d of state.definitions) delete d.source;
  const snapshot = JSON.stringify(state);
  await first.stop();
  const second = engine(sourceContext);
  second.recover(JSON.parse(snapshot));
  const done = ended(second);
  const execution = await second.resume();
  const [task] = execution.getPostponed().filter((api) => api.type === 'bpmn:UserTask');
  if (!task) throw new Error('bare cycle: no user task waiting after resume');
  task.signal({ done: true });
  await done;
}
