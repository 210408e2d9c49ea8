/**
 * The betsy BPMN conformance models (../shared/conformance/betsy, LGPL-3.0, read in place, never
 * edited) run through the API. betsy's script tasks append a marker to a log; its conditions are
 * Java-style text. Both are mapped to Baton syntax first (JavaScript scripts appending to a `log`
 * variable, `${...}` expressions), exactly as betsy itself translates them per engine.
 *
 * Each case states the BPMN 2.0 result (betsy's expected trace, ordered where the spec fixes the
 * order, as a multiset where branches run concurrently) or that Baton refuses the model at deploy
 * naming what it cannot execute. Every run is bounded: timers are fired through the scheduler, and a
 * model that deadlocks by design (a parallel join on a dead path) is asserted to stay waiting.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';
import { runTimers } from './scenario-support.js';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const betsyDir = path.resolve(repoRoot, '../shared/conformance/betsy');

interface Case {
  file: string;
  variables?: Record<string, unknown>;
  /** expected log; `unordered` when the spec leaves the order of concurrent branches open */
  log?: string[];
  unordered?: boolean;
  status?: 'completed' | 'running' | 'failed';
  /** the model is refused at deploy with a message matching this */
  refused?: RegExp;
}

const t = (...names: string[]) => names;

const CASES: Case[] = [
  { file: 'activities/CallActivity_GlobalTask.bpmn', refused: /"globalTask" is a globalScriptTask/ },
  { file: 'activities/Loop_Maximum.bpmn', log: t('task1', 'task1', 'task1', 'task2') },
  { file: 'activities/Loop_SubProcess.bpmn', variables: { integerVariable: 3 }, log: t('increment', 'task1') },
  { file: 'activities/Loop_SubProcess.bpmn', variables: { integerVariable: 1 }, log: t('increment', 'increment', 'task1') },
  { file: 'activities/Loop_SubProcess.bpmn', variables: { integerVariable: 0 }, log: t('increment', 'increment', 'increment', 'task1') },
  { file: 'activities/MultiInstance_Parallel.bpmn', log: t('task1', 'task1', 'task1', 'task2') },
  { file: 'activities/MultiInstance_Task.bpmn', log: t('task1', 'task1', 'task1', 'task2') },
  { file: 'activities/ReceiveTask_Instantiate.bpmn', refused: /Only one executable process.*"ReceiveTask_Instantiate", "ParallelProcess"/ },
  { file: 'activities/SubProcess.bpmn', log: t('task2', 'task1') },
  { file: 'activities/Transaction.bpmn', log: t('task1', 'task2') },
  { file: 'basics/Participant.bpmn', log: t('task1') },
  { file: 'basics/SequenceFlow_Conditional.bpmn', variables: { test: 'a' }, log: t('task1', 'task2'), unordered: true },
  { file: 'basics/SequenceFlow_Conditional.bpmn', variables: { test: 'b' }, log: t('task2') },
  // BPMN §13.2.1: the default flow is taken when no conditional flow is; the unconditional one always
  { file: 'basics/SequenceFlow_ConditionalDefault_Normal.bpmn', variables: { test: 'a' }, log: t('task1', 'task3'), unordered: true },
  { file: 'basics/SequenceFlow_ConditionalDefault_Normal.bpmn', variables: { test: 'b' }, log: t('task2', 'task3'), unordered: true },
  { file: 'cfpatterns/WCP10_ArbitraryCycles.bpmn', variables: { integerVariable: 2 }, log: t('task1', 'task2') },
  { file: 'cfpatterns/WCP10_ArbitraryCycles.bpmn', variables: { integerVariable: 1 }, log: t('task1', 'task2', 'task2') },
  { file: 'cfpatterns/WCP10_ArbitraryCycles.bpmn', variables: { integerVariable: 0 }, log: t('task1', 'task1', 'task2', 'task2') },
  // a parallel join after an inclusive split with one dead branch never fires: the token waits there
  { file: 'errors/InclusiveDiverging_ParallelConverging.bpmn', variables: { test: 'a' }, log: t('task1'), status: 'running' },
  { file: 'errors/InclusiveDiverging_ParallelConverging.bpmn', variables: { test: 'b' }, log: t('task2'), status: 'running' },
  { file: 'errors/InclusiveDiverging_ParallelConverging.bpmn', variables: { test: 'ab' }, log: t('task1', 'task2', 'task3'), unordered: true },
  // conditions on a parallel gateway's outgoing flows mean nothing: every branch runs
  ...['a', 'b', 'ab', 'c'].map((test): Case => ({ file: 'errors/ParallelGateway_Conditions.bpmn', variables: { test }, log: t('task1', 'task2', 'task3'), unordered: true })),
  { file: 'events/Conditional_BoundaryEvent_SubProcess_Interrupting.bpmn', variables: { test: 'a' }, log: t('task3') },
  { file: 'events/Conditional_BoundaryEvent_SubProcess_Interrupting.bpmn', variables: { test: 'b' }, log: t('task1', 'task2') },
  { file: 'events/Error_BoundaryEvent_SubProcess_Interrupting.bpmn', log: t('task1', 'task2') },
  { file: 'events/Error_StartEvent_EventSubProcess_Interrupting.bpmn', log: t('task1', 'task2', 'task3') },
  { file: 'events/Escalation_BoundaryEvent_SubProcess_NonInterrupting.bpmn', log: t('task1', 'task2', 'task3', 'task4'), unordered: true },
  { file: 'events/Message_IntermediateEvent.bpmn', refused: /Only one executable process.*"Message_IntermediateEvent", "ParallelProcess"/ },
  { file: 'events/Signal_BoundaryEvent_SubProcess_Interrupting.bpmn', log: t('task1', 'task3') },
  { file: 'events/Signal_StartEvent_EventSubProcess_Interrupting.bpmn', log: t('task2') },
  { file: 'events/Terminate_Event.bpmn', log: t() },
  // the boundary timer (PT1S) fires before the inner timer (PT2S) and does not interrupt
  { file: 'events/Timer_BoundaryEvent_SubProcess_NonInterrupting.bpmn', log: t('task3', 'task1', 'task2') },
  { file: 'events/Timer_StartEvent_EventSubProcess_Interrupting.bpmn', log: t('task2') },
  { file: 'gateways/EventBasedGateway_Signals.bpmn', log: t('task1', 'task2', 'task4'), unordered: true },
  { file: 'gateways/ExclusiveDiverging_InclusiveConverging.bpmn', variables: { test: 'a' }, log: t('task1', 'task3') },
  { file: 'gateways/ExclusiveDiverging_InclusiveConverging.bpmn', variables: { test: 'b' }, log: t('task2', 'task3') },
  { file: 'gateways/ExclusiveDiverging_InclusiveConverging.bpmn', variables: { test: 'ab' }, log: t('task1', 'task3') },
  { file: 'gateways/ExclusiveGatewayMixed.bpmn', variables: { test: 'a' }, log: t('task2', 'task4', 'task5') },
  { file: 'gateways/ExclusiveGatewayMixed.bpmn', variables: { test: 'b' }, log: t('task1', 'task3', 'task5') },
  { file: 'gateways/ExclusiveGatewayMixed.bpmn', variables: { test: 'ab' }, log: t('task1', 'task3', 'task5') },
  { file: 'gateways/InclusiveDiverging_ExclusiveConverging.bpmn', variables: { test: 'a' }, log: t('task1', 'task3') },
  { file: 'gateways/InclusiveDiverging_ExclusiveConverging.bpmn', variables: { test: 'b' }, log: t('task2', 'task3') },
  { file: 'gateways/InclusiveDiverging_ExclusiveConverging.bpmn', variables: { test: 'ab' }, log: t('task1', 'task3', 'task2', 'task3'), unordered: true },
  { file: 'gateways/InclusiveGateway_Default.bpmn', variables: { test: 'c' }, log: t('task3', 'task4') },
  { file: 'gateways/InclusiveGateway_Default.bpmn', variables: { test: 'a' }, log: t('task1', 'task4') },
  { file: 'gateways/InclusiveGateway_Default.bpmn', variables: { test: 'ab' }, log: t('task1', 'task2', 'task4'), unordered: true },
  { file: 'gateways/ParallelDiverging_InclusiveConverging.bpmn', log: t('task1', 'task2', 'task3'), unordered: true },
];

/** betsy's placeholders in Baton syntax: scripts append to `log`, conditions become `${...}` */
export function mapBetsy(xml: string): string {
  const append = (marker: string) => `execution.setVariable('log', (execution.getVariable('log') || []).concat(['${marker}']))`;
  const increment = "execution.setVariable('integerVariable', (execution.getVariable('integerVariable') || 0) + 1)";
  return xml
    .replace(/<bpmn2:scriptTask /g, '<bpmn2:scriptTask scriptFormat="javascript" ')
    .replace(/CREATE_LOG_FILE/g, "execution.setVariable('log', [])")
    .replace(/INCREMENT_INTEGER_VARIABLE_AND_LOG/g, `${increment}; ${append('increment')}`)
    .replace(/INCREMENT_INTEGER_VARIABLE/g, increment)
    .replace(/CREATE_MARKER_FILE/g, "execution.setVariable('marker', true)")
    .replace(/SCRIPT_(task\d)/g, (_, marker: string) => append(marker))
    .replace(
      /(<bpmn2:(conditionExpression|loopCondition|condition)\b[^>]*>)\s*(?:<!\[CDATA\[)?([^<\]]*?)(?:\]\]>)?\s*(<\/bpmn2:\2>)/g,
      (_m, open: string, _tag: string, body: string, close: string) => `${open}\${${body.trim()}}${close}`,
    );
}

function bpmnFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return bpmnFiles(full, `${prefix}${name}/`);
    return name.endsWith('.bpmn') ? [`${prefix}${name}`] : [];
  });
}

let rt: TestRuntime;
const deployed = new Map<string, Promise<{ key?: string; error?: string }>>();

function deploy(file: string) {
  let result = deployed.get(file);
  if (!result) {
    const xml = mapBetsy(readFileSync(path.join(betsyDir, file), 'utf8'));
    result = rt
      .as(rt.admin)
      .definitions.deploy({ xml })
      .then((d) => ({ key: d.key }))
      .catch((error: Error & { code?: string }) => ({ error: `${error.code}: ${error.message}` }));
    deployed.set(file, result);
  }
  return result;
}

beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
});
afterAll(() => rt.cleanup());

describe('betsy conformance models', () => {
  it('given the betsy folder, then every model in it has a case here', () => {
    const files = bpmnFiles(betsyDir).sort();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.filter((f) => !CASES.some((c) => c.file === f))).toEqual([]);
  });

  for (const c of CASES) {
    const label = `${c.file}${c.variables ? ` ${JSON.stringify(c.variables)}` : ''}`;
    it(c.refused ? `${label}: refused at deploy, naming what Baton cannot run` : `${label}: ${c.status ?? 'completed'} with log ${JSON.stringify(c.log)}`, async () => {
      const result = await deploy(c.file);
      if (c.refused) {
        expect(result.error).toMatch(/^BAD_REQUEST: /);
        expect(result.error).toMatch(c.refused);
        return;
      }
      expect(result.error).toBeUndefined();
      const api = rt.as(rt.admin);
      const { id } = await api.instances.start({ key: result.key!, variables: c.variables ?? {} });
      await runTimers(rt, id);
      const instance = await api.instances.get({ id });
      expect(instance.status).toBe(c.status ?? 'completed');
      const log = (instance.variables.log as string[] | undefined) ?? [];
      if (c.unordered) expect([...log].sort()).toEqual([...c.log!].sort());
      else expect(log).toEqual(c.log);
      expect(instance.incidents).toEqual([]);
    }, 15_000);
  }
});
