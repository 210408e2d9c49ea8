/**
 * Links form-js forms to user tasks and start events. Every change goes through `modeling`, so it is
 * undoable and marks the diagram dirty. See baton-moddle.ts for the XML layout.
 */
import { emptyFormSchema, formIdFor, parseFormBody, type FormSchema } from './form-schema';

type Bo = { $type: string; id: string; $parent?: Bo; get(n: string): any; [k: string]: any };
type Shape = { id: string; businessObject: Bo };

const FORM_OWNERS = ['bpmn:UserTask', 'bpmn:StartEvent'];

export default class BpmnForms {
  static $inject = ['elementRegistry', 'modeling', 'moddle'];

  constructor(
    private readonly elementRegistry: { get(id: string): Shape | undefined },
    private readonly modeling: {
      updateProperties(el: Shape, props: Record<string, unknown>): void;
      updateModdleProperties(el: Shape, bo: unknown, props: Record<string, unknown>): void;
    },
    private readonly moddle: { create(type: string, attrs?: Record<string, unknown>): any },
  ) {}

  canHaveForm(elementId: string): boolean {
    const bo = this.elementRegistry.get(elementId)?.businessObject;
    return !!bo && FORM_OWNERS.includes(bo.$type);
  }

  /** The linked form of an element, or null. A formRef to a form that is not embedded gives `schema: null`. */
  getForm(elementId: string): { formId: string; schema: FormSchema | null } | null {
    const bo = this.elementRegistry.get(elementId)?.businessObject;
    const formId = bo?.get('camunda:formRef') as string | undefined;
    if (!bo || !formId) return null;
    const form = this.forms(bo).find((f) => f.id === formId);
    return { formId, schema: parseFormBody(form?.body) };
  }

  /** Embeds the schema in the process and links it from the element (creating the form when new). */
  linkForm(elementId: string, schema: FormSchema): string {
    const shape = this.mustGet(elementId);
    const process = this.processOf(shape.businessObject);
    if (!process) throw new Error(`Element ${elementId} is not inside a process`);
    const formId = (typeof schema.id === 'string' && schema.id) || this.getForm(elementId)?.formId || formIdFor(elementId);
    const body = JSON.stringify({ ...schema, id: formId });

    let ext = process.extensionElements;
    if (!ext) {
      ext = this.moddle.create('bpmn:ExtensionElements', { values: [] });
      this.modeling.updateModdleProperties(shape, process, { extensionElements: ext });
    }
    const existing = (ext.values ?? []).find((v: Bo) => v.$type === 'baton:Form' && v.id === formId);
    if (existing) {
      this.modeling.updateModdleProperties(shape, existing, { body });
    } else {
      const form = this.moddle.create('baton:Form', { id: formId, body });
      this.modeling.updateModdleProperties(shape, ext, { values: [...(ext.values ?? []), form] });
    }
    // camunda-bpmn-js-behaviors drops formRef whenever formKey appears in an update (even as
    // undefined), so a stale formKey is removed in its own step first.
    if (shape.businessObject.get('camunda:formKey')) {
      this.modeling.updateProperties(shape, { 'camunda:formKey': undefined });
    }
    if (shape.businessObject.get('camunda:formRef') !== formId) {
      this.modeling.updateProperties(shape, { 'camunda:formRef': formId, 'camunda:formRefBinding': 'deployment' });
    }
    return formId;
  }

  newSchema(elementId: string): FormSchema {
    return emptyFormSchema(formIdFor(elementId));
  }

  /** Removes the link; the embedded form goes too unless another element still references it. */
  unlinkForm(elementId: string): void {
    const shape = this.mustGet(elementId);
    const formId = shape.businessObject.get('camunda:formRef') as string | undefined;
    if (!formId) return;
    this.modeling.updateProperties(shape, { 'camunda:formRef': undefined, 'camunda:formRefBinding': undefined, 'camunda:formRefVersion': undefined });
    const process = this.processOf(shape.businessObject);
    const ext = process?.extensionElements;
    if (!process || !ext) return;
    const stillUsed = (process.flowElements ?? []).some((fe: Bo) => fe.get?.('camunda:formRef') === formId);
    if (!stillUsed) {
      this.modeling.updateModdleProperties(shape, ext, {
        values: (ext.values ?? []).filter((v: Bo) => !(v.$type === 'baton:Form' && v.id === formId)),
      });
    }
  }

  private forms(bo: Bo): Array<{ id: string; body?: string }> {
    const process = this.processOf(bo);
    return (process?.extensionElements?.values ?? []).filter((v: Bo) => v.$type === 'baton:Form');
  }

  /** The bpmn:Process that owns the element (through sub-processes; participants point to theirs). */
  private processOf(bo: Bo | undefined): Bo | undefined {
    let current = bo;
    while (current) {
      if (current.$type === 'bpmn:Process') return current;
      if (current.$type === 'bpmn:Participant') return current.processRef;
      current = current.$parent;
    }
    return undefined;
  }

  private mustGet(elementId: string): Shape {
    const shape = this.elementRegistry.get(elementId);
    if (!shape) throw new Error(`No element ${elementId} on the canvas`);
    return shape;
  }
}
