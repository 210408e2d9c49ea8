/**
 * Checks a .bpmn file before it becomes a Diagram: invalid XML is refused with the line; a file
 * without diagram interchange (DI) is laid out with bpmn-auto-layout and the caller is told so.
 */
import BpmnModdle from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import batonModdle from './features/forms/baton-moddle';
import { formatImportError, isFatalWarning } from './import-error';
import { layoutWithoutDi } from './layout-without-di';

export type PreparedImport =
  | { ok: true; xml: string; name: string; laidOut: boolean; warnings: string[] }
  | { ok: false; error: string };

type Root = {
  $type: string;
  name?: string;
  rootElements?: Array<{ $type: string; id: string; name?: string; flowElements?: unknown[]; participants?: Array<{ name?: string }> }>;
  diagrams?: Array<{ plane?: { planeElement?: unknown[] } }>;
};

/** True when the file has at least one BPMNDiagram whose plane draws something. */
export function hasDrawing(definitions: Root): boolean {
  return (definitions.diagrams ?? []).some((d) => (d.plane?.planeElement ?? []).length > 0);
}

export function diagramNameFor(definitions: Root, fileName: string): string {
  const roots = definitions.rootElements ?? [];
  const collaboration = roots.find((r) => r.$type === 'bpmn:Collaboration');
  const process = roots.find((r) => r.$type === 'bpmn:Process' && r.name);
  return (
    process?.name ||
    collaboration?.participants?.find((p) => p.name)?.name ||
    definitions.name ||
    fileName.replace(/\.(bpmn|xml|bpmn2)$/i, '') ||
    'Imported diagram'
  ).slice(0, 200);
}

export async function prepareImport(xml: string, fileName: string): Promise<PreparedImport> {
  const moddle = new BpmnModdle({ camunda: camundaModdle, baton: batonModdle });
  let parsed: Awaited<ReturnType<BpmnModdle['fromXML']>>;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    return { ok: false, error: formatImportError(error, fileName) };
  }
  const fatal = parsed.warnings.find((w) => isFatalWarning(w.message));
  if (fatal) return { ok: false, error: formatImportError(new Error(fatal.message), fileName) };
  const definitions = parsed.rootElement as Root;
  if (definitions?.$type !== 'bpmn:Definitions') {
    return { ok: false, error: `${fileName} is XML but not BPMN: the root element must be bpmn:definitions.` };
  }
  const warnings = parsed.warnings.map((w) => w.message);
  const name = diagramNameFor(definitions, fileName);
  if (hasDrawing(definitions)) return { ok: true, xml, name, laidOut: false, warnings };
  try {
    const laidOutXml = await layoutWithoutDi(xml);
    return { ok: true, xml: laidOutXml, name, laidOut: true, warnings };
  } catch (error) {
    return { ok: false, error: `${fileName} has no diagram layout and automatic layout failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
