/**
 * Which error end events nothing catches. BPMN 2.0 (§10.5.3): an error thrown by an end event travels
 * up its enclosing scopes to the first error boundary event on an enclosing sub-process, or the first
 * error event sub-process in an enclosing scope, whose error matches (same error, same errorCode, or
 * no error reference = catch all). When none matches, the error is unhandled and the instance fails.
 * bpmn-elements lets an uncaught error end event finish like a plain end event (the process "succeeds"),
 * so Baton decides it here, once per definition, and the host fails the instance when one of these
 * elements completes.
 */
export interface ScopeElement {
  $type: string;
  id?: string;
  triggeredByEvent?: boolean;
  flowElements?: ScopeElement[];
  eventDefinitions?: { $type: string; errorRef?: { id?: string; errorCode?: string } }[];
  attachedToRef?: { id?: string };
}

export interface UncaughtError {
  elementId: string;
  errorCode?: string;
  errorName?: string;
}

function errorDefinition(element: ScopeElement) {
  return element.eventDefinitions?.find((d) => d.$type === 'bpmn:ErrorEventDefinition');
}

function matches(catcher: ScopeElement, thrown: { id?: string; errorCode?: string } | undefined) {
  const def = errorDefinition(catcher);
  if (!def) return false;
  if (!def.errorRef) return true;
  if (!thrown) return false;
  return def.errorRef.id === thrown.id || (def.errorRef.errorCode !== undefined && def.errorRef.errorCode === thrown.errorCode);
}

/** error end events of `processEl` (at any depth) with no matching catcher in an enclosing scope */
export function uncaughtErrorEnds(processEl: ScopeElement): UncaughtError[] {
  const result: UncaughtError[] = [];
  // scopes: innermost last; each with the container's flow elements and the container itself
  const visit = (scopes: ScopeElement[]) => {
    const container = scopes[scopes.length - 1];
    for (const element of container.flowElements ?? []) {
      if (element.flowElements) visit([...scopes, element]);
      if (element.$type !== 'bpmn:EndEvent') continue;
      const def = errorDefinition(element);
      if (!def) continue;
      if (!isCaught(scopes, def.errorRef)) {
        result.push({ elementId: element.id!, ...(def.errorRef?.errorCode ? { errorCode: def.errorRef.errorCode } : {}), ...(def.errorRef?.id ? { errorName: def.errorRef.id } : {}) });
      }
    }
  };
  visit([processEl]);
  return result;
}

function isCaught(scopes: ScopeElement[], thrown: { id?: string; errorCode?: string } | undefined): boolean {
  for (let i = scopes.length - 1; i >= 0; i -= 1) {
    const scope = scopes[i];
    // an error event sub-process directly inside this scope (not the scope itself)
    for (const element of scope.flowElements ?? []) {
      if (!element.triggeredByEvent) continue;
      if ((element.flowElements ?? []).some((start) => start.$type === 'bpmn:StartEvent' && matches(start, thrown))) return true;
    }
    if (i === 0) break;
    // an error boundary event on this scope, which lives in the enclosing scope; an event
    // sub-process itself has no boundary events: its errors go on to its parent scope
    const parent = scopes[i - 1];
    for (const element of parent.flowElements ?? []) {
      if (element.$type === 'bpmn:BoundaryEvent' && element.attachedToRef?.id === scope.id && matches(element, thrown)) return true;
    }
  }
  return false;
}
