// bpmn-moddle ships no types; Baton reads its results through narrow local interfaces.
declare module 'bpmn-moddle' {
  export default class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<unknown>;
  }
}
