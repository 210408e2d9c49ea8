/**
 * Which form fills in a task or a start event, in order of precedence:
 *   1. a form-js form linked with `camunda:formRef`, embedded in the deployed XML as
 *      `<baton:form id="...">{schema JSON}</baton:form>` under the process's extensionElements
 *      (the modeler's contract, apps/web/src/modeler/features/forms/baton-moddle.ts);
 *   2. a form generated from `camunda:formData` fields;
 *   3. otherwise a free variables editor.
 * Embedded forms and the process's start permissions are read once per definition version.
 */
import BpmnModdle from 'bpmn-moddle';
import { createRequire } from 'node:module';
import type { FormField, TaskForm } from '@baton/shared';
import type { DefinitionRow, TaskRow } from '../store/store.js';
import type { DefinitionService } from './definition-service.js';

const camunda = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json') as object;

/** the modeler's `baton:` moddle package, reduced to what the runtime reads */
const batonModdle = {
  name: 'Baton',
  uri: 'http://baton.dev/schema/bpmn/1.0',
  prefix: 'baton',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'Form',
      superClass: ['Element'],
      properties: [
        { name: 'id', isAttr: true, type: 'String' },
        { name: 'body', isBody: true, type: 'String' },
      ],
    },
  ],
};

const CACHE_SIZE = 200;

export interface DefinitionForms {
  /** embedded form-js schemas by form id */
  schemas: Map<string, Record<string, unknown>>;
  /** camunda:candidateStarterUsers / Groups of the executable process; empty = everyone may start */
  starterUsers: string[];
  starterGroups: string[];
}

interface ModdleNode {
  $type: string;
  id?: string;
  body?: string;
  isExecutable?: boolean;
  extensionElements?: { values?: ModdleNode[] };
  rootElements?: ModdleNode[];
  [key: string]: unknown;
}

const list = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** reads the embedded forms and start permissions of a BPMN XML (never throws: a bad form is skipped) */
export async function readDefinitionForms(xml: string): Promise<DefinitionForms> {
  const result: DefinitionForms = { schemas: new Map(), starterUsers: [], starterGroups: [] };
  let root: ModdleNode;
  try {
    const moddle = new BpmnModdle({ camunda, baton: batonModdle });
    root = ((await moddle.fromXML(xml.trim(), 'bpmn:Definitions')) as unknown as { rootElement: ModdleNode }).rootElement;
  } catch {
    return result;
  }
  for (const process of (root.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process')) {
    for (const value of process.extensionElements?.values ?? []) {
      if (value.$type !== 'baton:Form' || !value.id || !value.body) continue;
      try {
        const schema: unknown = JSON.parse(value.body);
        if (schema && typeof schema === 'object' && !Array.isArray(schema)) result.schemas.set(value.id, schema as Record<string, unknown>);
      } catch {
        // an unreadable form falls back to the next kind of form
      }
    }
    if (process.isExecutable) {
      result.starterUsers = list(process.candidateStarterUsers);
      result.starterGroups = list(process.candidateStarterGroups);
    }
  }
  return result;
}

export function chooseForm(forms: DefinitionForms, formRef: string | null | undefined, fields: FormField[] | undefined): TaskForm {
  const schema = formRef ? forms.schemas.get(formRef) : undefined;
  if (formRef && schema) return { kind: 'formjs', formId: formRef, schema };
  if (fields?.length) return { kind: 'generated', fields };
  return { kind: 'variables' };
}

export class FormResolver {
  private readonly cache = new Map<string, Promise<DefinitionForms>>();

  constructor(private readonly definitions: DefinitionService) {}

  async formsOf(definitionId: string): Promise<DefinitionForms> {
    let forms = this.cache.get(definitionId);
    if (!forms) {
      forms = this.definitions.getOrThrow(definitionId).then((row) => readDefinitionForms(row.xml));
      this.cache.set(definitionId, forms);
      forms.catch(() => this.cache.delete(definitionId));
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    }
    return forms;
  }

  async taskForm(task: Pick<TaskRow, 'definitionId' | 'formKey' | 'formFields'>): Promise<TaskForm> {
    return chooseForm(await this.formsOf(task.definitionId), task.formKey, task.formFields);
  }

  /** the form of the process's none start event; undefined when it has none (not startable by hand) */
  async startForm(row: DefinitionRow): Promise<{ form: TaskForm; forms: DefinitionForms } | undefined> {
    const { parsed } = await this.definitions.load(row);
    if (!parsed.noneStartId) return undefined;
    const start = parsed.elements.get(parsed.noneStartId);
    const forms = await this.formsOf(row.id);
    return { form: chooseForm(forms, start?.formRef ?? start?.formKey, start?.formFields), forms };
  }
}
