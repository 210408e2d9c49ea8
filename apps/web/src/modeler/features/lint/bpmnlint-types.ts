/** The small slice of bpmnlint's rule API Baton's rules use. */

export interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  $parent?: ModdleNode;
  get(name: string): unknown;
  [key: string]: unknown;
}

export interface Reporter {
  report(id: string | undefined, message: string, path?: string[]): void;
}

export interface Rule {
  check: ((node: ModdleNode, reporter: Reporter) => void) | { enter?: (node: ModdleNode, reporter: Reporter) => void };
  meta?: { documentation?: { url?: string } };
}

export type RuleFactory = (config?: unknown) => Rule;

/** `is` without depending on bpmnlint-utils' module format: walks $instanceOf when present. */
export function is(node: unknown, type: string): boolean {
  const n = node as { $instanceOf?: (t: string) => boolean; $type?: string } | null;
  if (!n) return false;
  if (typeof n.$instanceOf === 'function') return n.$instanceOf(type);
  return n.$type === type;
}

export function isAny(node: unknown, types: string[]): boolean {
  return types.some((t) => is(node, t));
}

/** "Service task “Charge card” (Task_1)" — how rules name elements in messages. */
export function label(node: ModdleNode): string {
  return node.name ? `“${node.name}”` : (node.id ?? node.$type);
}
