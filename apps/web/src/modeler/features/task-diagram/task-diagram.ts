/**
 * A read-only diagram for the inbox's "Diagram" tab: bpmn-js NavigatedViewer (pan and zoom), the
 * task's element marked with a CSS class and scrolled into view. React talks only to this facade.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './task-diagram.css';

export interface TaskDiagramHandle {
  destroy(): void;
}

export async function mountTaskDiagram(container: HTMLElement, xml: string, elementId: string): Promise<TaskDiagramHandle> {
  const { default: NavigatedViewer } = await import('bpmn-js/lib/NavigatedViewer');
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas') as {
    zoom(level: string | number): void;
    addMarker(id: string, marker: string): void;
    scrollToElement(element: unknown): void;
  };
  const registry = viewer.get('elementRegistry') as { get(id: string): unknown };
  canvas.zoom('fit-viewport');
  const element = registry.get(elementId);
  if (element) {
    canvas.addMarker(elementId, 'baton-task-highlight');
    try {
      canvas.scrollToElement(element);
    } catch {
      // fit-viewport already shows it
    }
  }
  return { destroy: () => viewer.destroy() };
}
