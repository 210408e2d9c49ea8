/**
 * Parses and validates BPMN XML for deployment, once per definition version. The result carries the
 * engine's serialized source context (shared by every engine of that version, so XML is never parsed
 * per instance) and a plain map of what Baton itself reads from each element (camunda:* attributes,
 * message and timer definitions), so the host never walks moddle trees at run time.
 */
import BpmnModdle from 'bpmn-moddle';
import Serializer, { TypeResolver } from 'moddle-context-serializer';
import { createRequire } from 'node:module';
import { batonElements } from './elements/index.js';
import { cutDiagramInterchange, resolvesIn } from './diagram-interchange.js';
import { DefinitionError } from './engine-errors.js';
import type { VariableMapping } from './call-mapping.js';
import { uncaughtErrorEnds, type ScopeElement, type UncaughtError } from './error-scopes.js';

const camunda = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json') as object;

export interface FormFieldInfo {
  id: string;
  label: string;
  type: string;
  defaultValue?: unknown;
  required: boolean;
  values?: { id: string; name: string }[];
}

export interface ElementInfo {
  id: string;
  type: string;
  name: string;
  assignee?: string;
  candidateUsers?: string;
  candidateGroups?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
  formKey?: string;
  formRef?: string;
  formFields?: FormFieldInfo[];
  /** external task topic (camunda:topic or zeebe:taskDefinition type) */
  topic?: string;
  /** message or signal names of event definitions / receive tasks */
  messageName?: string;
  signalName?: string;
  timer?: { kind: 'timeDuration' | 'timeDate' | 'timeCycle'; expression: string };
  attachedTo?: string;
  /** id of the enclosing process or sub-process */
  scope?: string;
  /** an event sub-process */
  triggeredByEvent?: boolean;
  /** a link catch event: bpmn-elements starts it with the process, waiting for its link throw */
  linkCatch?: boolean;
  /** a conditional event (catch, boundary, start of an event sub-process) */
  conditional?: boolean;
  /** start events of event sub-processes: does starting it cancel the rest of its scope */
  interrupting?: boolean;
  conditionExpression?: string;
  /** call activity: the called process key (may be an expression), binding and version, variable mappings */
  calledElement?: string;
  calledElementBinding?: string;
  calledElementVersion?: string;
  callIn?: VariableMapping[];
  callOut?: VariableMapping[];
  /** multi-instance: camunda:elementVariable (the iteration's item) */
  elementVariable?: string;
  sourceRef?: string;
  targetRef?: string;
}

export interface StartTrigger {
  elementId: string;
  kind: 'message' | 'signal' | 'timer';
  name: string;
}

export interface ParsedDefinition {
  key: string;
  name: string;
  /** moddle-context-serializer context for `new Engine({ sourceContext })` */
  sourceContext: unknown;
  elements: Map<string, ElementInfo>;
  startTriggers: StartTrigger[];
  /** id of the plain (none) start event, if any */
  noneStartId?: string;
  /** error end events that no boundary event or event sub-process catches: they fail the instance */
  uncaughtErrors: Map<string, UncaughtError>;
}

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

/** Elements bpmn-engine cannot execute: refused at deploy rather than silently skipped. */
const UNSUPPORTED = new Set(['bpmn:ComplexGateway', 'bpmn:ChoreographyTask', 'bpmn:AdHocSubProcess']);
/** bounds the work one deploy may cause (parse, validate, serialize): ~0.4 s for the largest accepted */
export const MAX_FLOW_ELEMENTS = 5_000;
/** tasks that Baton runs as external jobs, so they need a topic */
const JOB_TASKS = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']);

/**
 * The line of an element's id attribute, for error messages. It scans the XML (O(size)), so it is
 * called only on the way to a DefinitionError, never per element of a diagram that deploys.
 */
function lineOf(xml: string, id: string): number | undefined {
  const index = xml.indexOf(`id="${id}"`);
  if (index < 0) return undefined;
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < index; i = xml.indexOf('\n', i + 1)) line += 1;
  return line;
}

function at(xml: string, id: string): string {
  const line = lineOf(xml, id);
  return line ? ` (line ${line})` : '';
}

interface ModdleResult {
  rootElement: ModdleElement;
  warnings: { message: string; element?: ModdleElement }[];
  elementsById: Record<string, ModdleElement>;
  references: unknown[];
}

/** bpmn-moddle warnings that refuse a deploy (it reads leniently and reports these as warnings) */
function refusals(parsed: ModdleResult): string[] {
  return parsed.warnings
    .map((w) => w.message.replace(/\s+/g, ' ').trim())
    .filter((m) => /unresolved reference|unparsable|duplicate id|illegal/i.test(m));
}

/**
 * bpmn-moddle's reading of the XML, without building its diagram interchange when that can be
 * checked by the cheaper scan (see diagram-interchange.ts): the result then lacks only
 * `definitions.diagrams`, which nothing here or in bpmn-engine reads. Whenever the shortcut is unsure
 * or finds a problem, the whole XML is read as before, so refusals and their messages are unchanged.
 */
async function readModdle(moddle: BpmnModdle, xml: string): Promise<ModdleResult> {
  const read = (text: string) => moddle.fromXML(text, 'bpmn:Definitions') as Promise<unknown> as Promise<ModdleResult>;
  const di = cutDiagramInterchange(xml);
  if (di) {
    const parsed = await read(di.semantic).catch(() => undefined);
    if (parsed && refusals(parsed).length === 0 && resolvesIn(di, parsed.elementsById)) return parsed;
  }
  return read(xml);
}

export type DefinitionParser = (xml: string) => Promise<ParsedDefinition>;

/**
 * A parser that keeps one bpmn-moddle schema registry (bpmn + camunda types) for every XML it reads:
 * building the registry and its type caches costs more than reading a small diagram. Reads are
 * synchronous inside fromXML and keep no state in the registry, so one parser serves concurrent deploys.
 */
export function definitionParser(): DefinitionParser {
  const moddle = new BpmnModdle({ camunda });
  return (xml) => parseWith(moddle, xml);
}

/** parses with a registry of its own (tests, one-off reads); the runtime keeps a definitionParser */
export function parseDefinition(xml: string): Promise<ParsedDefinition> {
  return parseWith(new BpmnModdle({ camunda }), xml);
}

async function parseWith(moddle: BpmnModdle, xml: string): Promise<ParsedDefinition> {
  // XXE and entity expansion: BPMN never needs a DOCTYPE, so refuse it before any parser sees it.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new DefinitionError('XML with a DOCTYPE or ENTITY declaration is not accepted; remove the <!DOCTYPE ...> block');
  }
  // BPMN global tasks (globalScriptTask, globalUserTask, ...) called by a call activity: neither
  // bpmn-moddle nor bpmn-engine executes them, so they are refused by name
  const globalTask = /<(?:\w+:)?(global\w*Task)\b[^>]*\bid="([^"]+)"/.exec(xml);
  if (globalTask) {
    throw new DefinitionError(`Element "${globalTask[2]}" is a ${globalTask[1]}, which Baton cannot execute${at(xml, globalTask[2])}. Call a deployed process by key from the call activity instead.`);
  }
  let parsed: ModdleResult;
  try {
    parsed = await readModdle(moddle, xml.trim());
  } catch (error) {
    const message = (error as Error).message.replace(/\s+/g, ' ').trim();
    throw new DefinitionError(`The XML could not be read: ${message}`);
  }
  const problems = refusals(parsed);
  if (problems.length) {
    const described = problems.slice(0, 5).map((p) => {
      const ref = /<([^>]+)>/.exec(p)?.[1];
      return ref ? `${p}${at(xml, ref)}` : p;
    });
    throw new DefinitionError(`The BPMN has ${problems.length} problem(s): ${described.join('; ')}`);
  }
  const definitions = parsed.rootElement;
  const rootElements = (definitions.rootElements as ModdleElement[] | undefined) ?? [];
  const processes = rootElements.filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable === true);
  if (!executable.length) {
    const hint = processes.length ? ` Mark process "${processes[0].id}" with isExecutable="true".` : ' The file contains no process.';
    throw new DefinitionError(`No executable process found.${hint}`);
  }
  if (executable.length > 1) {
    throw new DefinitionError(`Only one executable process per deployment is supported; found ${executable.map((p) => `"${p.id}"`).join(', ')}. Deploy them as separate files.`);
  }
  const processEl = executable[0];
  const key = processEl.id!;
  if (!/^[A-Za-z_][\w.-]*$/.test(key)) throw new DefinitionError(`Process id "${key}" is not a valid key (letters, digits, "_", "-", ".")`);

  const infos = new Map<string, ElementInfo>();
  const startTriggers: StartTrigger[] = [];
  let noneStartId: string | undefined;
  const messageNames = new Map<string, string>();
  const signalNames = new Map<string, string>();
  for (const root of rootElements) {
    if (root.$type === 'bpmn:Message') messageNames.set(root.id!, (root.name as string) || root.id!);
    if (root.$type === 'bpmn:Signal') signalNames.set(root.id!, (root.name as string) || root.id!);
  }

  const visit = (container: ModdleElement, inEventSubProcess: boolean, topLevel: boolean) => {
    for (const element of (container.flowElements as ModdleElement[] | undefined) ?? []) {
      if (UNSUPPORTED.has(element.$type)) {
        throw new DefinitionError(`Element "${element.id}" is a ${element.$type.slice(5)}, which Baton cannot execute${at(xml, element.id!)}. Replace it with a supported element.`);
      }
      const info = describe(element, messageNames, signalNames);
      info.scope = container.id;
      if (element.triggeredByEvent === true) info.triggeredByEvent = true;
      if (element.$type === 'bpmn:StartEvent' && inEventSubProcess) info.interrupting = element.isInterrupting !== false;
      infos.set(info.id, info);
      if (infos.size > MAX_FLOW_ELEMENTS) {
        throw new DefinitionError(`The process has more than ${MAX_FLOW_ELEMENTS} flow elements; split it into called processes (call activities).`);
      }
      refuseUnexecutable(element, xml);
      if (element.$type === 'bpmn:CallActivity' && !info.calledElement) {
        throw new DefinitionError(`CallActivity "${element.id}"${at(xml, element.id!)} has no calledElement: set it to the key of a deployed process.`);
      }
      if (JOB_TASKS.has(element.$type) && !info.topic) {
        throw new DefinitionError(`${element.$type.slice(5)} "${element.id}"${at(xml, element.id!)} has no external topic. Baton runs it as a job for workers: set camunda:type="external" and camunda:topic="<topic>".`);
      }
      if (element.$type === 'bpmn:StartEvent' && topLevel && !inEventSubProcess) {
        if (info.messageName) startTriggers.push({ elementId: info.id, kind: 'message', name: info.messageName });
        else if (info.signalName) startTriggers.push({ elementId: info.id, kind: 'signal', name: info.signalName });
        else if (info.timer) startTriggers.push({ elementId: info.id, kind: 'timer', name: info.timer.expression });
        else noneStartId ??= info.id;
      }
      if (element.$type === 'bpmn:Transaction') refuseCompensatingCancel(element, xml);
      if (element.$type === 'bpmn:SubProcess' || element.$type === 'bpmn:Transaction') {
        visit(element, element.triggeredByEvent === true, false);
      }
    }
  };
  visit(processEl, false, true);

  const types = TypeResolver(batonElements());
  const sourceContext = Serializer(parsed as never, types);
  const uncaughtErrors = new Map(uncaughtErrorEnds(processEl as unknown as ScopeElement).map((u) => [u.elementId, u]));
  return { key, name: (processEl.name as string) || key, sourceContext, elements: infos, startTriggers, noneStartId, uncaughtErrors };
}

/** element settings bpmn-elements would silently run differently from BPMN 2.0: refused by name */
function refuseUnexecutable(element: ModdleElement, xml: string) {
  // built only when refusing: locating the line scans the XML, and this runs for every flow element
  const where = () => `${element.$type.slice(5)} "${element.id}"${at(xml, element.id!)}`;
  if (element.parallelMultiple === true) {
    throw new DefinitionError(`${where()} is parallelMultiple (all of its event definitions must occur), which Baton cannot execute: it would trigger on the first one. Use a parallel gateway with one catch event per definition.`);
  }
  const loop = element.loopCharacteristics as ModdleElement | undefined;
  const maximum = loop?.loopMaximum as number | undefined;
  if (typeof maximum === 'number' && maximum < 0) {
    throw new DefinitionError(`${where()} has loopMaximum ${maximum}; it must be 0 or more.`);
  }
  const cardinality = (loop?.loopCardinality as { body?: string } | undefined)?.body?.trim();
  if (cardinality && /^-\d+$/.test(cardinality)) {
    throw new DefinitionError(`${where()} has loopCardinality ${cardinality}; it must be 0 or more.`);
  }
}

/**
 * Transactions run (bpmn-elements executes them like sub-processes, and a cancel end event cancels
 * to the cancel boundary event), but cancelling does not compensate the transaction's completed
 * activities as BPMN 2.0 §10.3.3 requires (and after an explicit compensation throw inside the
 * transaction, bpmn-elements no longer reaches the cancel boundary). A transaction with a cancel end
 * event and compensation handlers would silently skip them, so it is refused, naming the cancel end event.
 */
function refuseCompensatingCancel(transaction: ModdleElement, xml: string) {
  const inside = (transaction.flowElements as ModdleElement[] | undefined) ?? [];
  const hasDefinition = (element: ModdleElement, type: string) => ((element.eventDefinitions as ModdleElement[] | undefined) ?? []).some((d) => d.$type === type);
  const cancel = inside.find((e) => e.$type === 'bpmn:EndEvent' && hasDefinition(e, 'bpmn:CancelEventDefinition'));
  const compensates = inside.some((e) => e.$type === 'bpmn:BoundaryEvent' && hasDefinition(e, 'bpmn:CompensateEventDefinition'));
  if (cancel && compensates) {
    throw new DefinitionError(`Cancel end event "${cancel.id}"${at(xml, cancel.id!)} cancels transaction "${transaction.id}", whose compensation handlers Baton cannot run on cancel. Remove the compensation handlers from the transaction, or model the undo steps on the cancel boundary's path.`);
  }
}

function attr(element: ModdleElement, name: string): string | undefined {
  const value = element[name];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  const ext = element.extensionElements as { values?: ModdleElement[] } | undefined;
  return ext?.values?.find((v) => v.$type === type);
}

function describe(element: ModdleElement, messages: Map<string, string>, signals: Map<string, string>): ElementInfo {
  const info: ElementInfo = { id: element.id!, type: element.$type, name: (element.name as string) || element.id! };
  for (const key of ['assignee', 'candidateUsers', 'candidateGroups', 'dueDate', 'followUpDate', 'priority', 'formKey', 'formRef', 'topic'] as const) {
    const value = attr(element, key);
    if (value !== undefined) info[key] = value;
  }
  const zeebeTask = extension(element, 'zeebe:TaskDefinition');
  if (zeebeTask && !info.topic) info.topic = attr(zeebeTask, 'type');
  const formData = extension(element, 'camunda:FormData');
  if (formData) {
    info.formFields = ((formData.fields as ModdleElement[] | undefined) ?? []).map((field) => {
      const validation = field.validation as { constraints?: ModdleElement[] } | undefined;
      const required = validation?.constraints?.some((c) => c.name === 'required') ?? false;
      const values = (field.values as ModdleElement[] | undefined)?.map((v) => ({ id: String(v.id), name: String(v.name ?? v.id) }));
      return {
        id: String(field.id),
        label: String(field.label ?? field.id),
        type: String(field.type ?? 'string'),
        ...(field.defaultValue !== undefined ? { defaultValue: field.defaultValue } : {}),
        required,
        ...(values ? { values } : {}),
      };
    });
  }
  if (element.$type === 'bpmn:ReceiveTask' && element.messageRef) {
    const ref = element.messageRef as ModdleElement;
    info.messageName = messages.get(ref.id!) ?? (ref.name as string) ?? ref.id;
  }
  for (const def of (element.eventDefinitions as ModdleElement[] | undefined) ?? []) {
    if (def.$type === 'bpmn:MessageEventDefinition' && def.messageRef) {
      const ref = def.messageRef as ModdleElement;
      info.messageName = messages.get(ref.id!) ?? (ref.name as string) ?? ref.id;
    }
    if (def.$type === 'bpmn:SignalEventDefinition' && def.signalRef) {
      const ref = def.signalRef as ModdleElement;
      info.signalName = signals.get(ref.id!) ?? (ref.name as string) ?? ref.id;
    }
    if (def.$type === 'bpmn:ConditionalEventDefinition') info.conditional = true;
    if (def.$type === 'bpmn:LinkEventDefinition' && element.$type === 'bpmn:IntermediateCatchEvent') info.linkCatch = true;
    if (def.$type === 'bpmn:TimerEventDefinition') {
      for (const kind of ['timeDuration', 'timeDate', 'timeCycle'] as const) {
        const expr = def[kind] as { body?: string } | undefined;
        if (expr?.body) info.timer = { kind, expression: expr.body.trim() };
      }
    }
  }
  if (element.attachedToRef) info.attachedTo = (element.attachedToRef as ModdleElement).id;
  if (element.$type === 'bpmn:CallActivity') {
    for (const key of ['calledElement', 'calledElementBinding', 'calledElementVersion'] as const) {
      const value = attr(element, key);
      if (value !== undefined) info[key] = value;
    }
    const values = (element.extensionElements as { values?: ModdleElement[] } | undefined)?.values ?? [];
    const mapping = (v: ModdleElement): VariableMapping => ({
      ...(v.variables === 'all' ? { all: true } : {}),
      ...(attr(v, 'source') ? { source: attr(v, 'source') } : {}),
      ...(attr(v, 'sourceExpression') ? { sourceExpression: attr(v, 'sourceExpression') } : {}),
      ...(attr(v, 'target') ? { target: attr(v, 'target') } : {}),
    });
    info.callIn = values.filter((v) => v.$type === 'camunda:In').map(mapping);
    info.callOut = values.filter((v) => v.$type === 'camunda:Out').map(mapping);
  }
  const loop = element.loopCharacteristics as ModdleElement | undefined;
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') info.elementVariable = attr(loop, 'elementVariable') ?? 'item';
  if (element.$type === 'bpmn:SequenceFlow') {
    info.sourceRef = (element.sourceRef as ModdleElement | undefined)?.id;
    info.targetRef = (element.targetRef as ModdleElement | undefined)?.id;
    const cond = element.conditionExpression as { body?: string } | undefined;
    if (cond?.body) info.conditionExpression = cond.body.trim();
  }
  return info;
}
