/** Ambient types for bpmn.io packages that ship no TypeScript declarations. */
declare module 'bpmnlint/rules/*' {
  import type { RuleFactory } from './features/lint/bpmnlint-types';
  const factory: RuleFactory;
  export default factory;
}
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config?: unknown; resolver: unknown });
    lint(root: unknown, config?: unknown): Promise<Record<string, Array<{ id?: string; message: string; category: string; path?: string[] }>>>;
  }
}
declare module 'bpmn-js-bpmnlint' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
declare module 'bpmn-js-properties-panel' {
  type M = import('didi').ModuleDeclaration;
  export const BpmnPropertiesPanelModule: M;
  export const BpmnPropertiesProviderModule: M;
  export const CamundaPlatformPropertiesProviderModule: M;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
declare module 'camunda-bpmn-moddle/resources/camunda.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module 'diagram-js-minimap' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
declare module 'bpmn-auto-layout' {
  export function layoutProcess(xml: string): Promise<string>;
}
declare module 'bpmn-moddle' {
  export default class BpmnModdle {
    constructor(extensions?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: any; warnings: Array<{ message: string; element?: any }>; elementsById: Record<string, any> }>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): any;
  }
}
