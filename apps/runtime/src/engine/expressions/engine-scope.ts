import type { JuelScope } from './juel.js';

/** What bpmn-elements passes as `context` to resolveExpression: `{ environment, ...message }`. */
export interface EngineContext {
  environment?: EngineEnvironment;
  content?: { id?: unknown; output?: unknown; [key: string]: unknown };
  properties?: unknown;
  fields?: unknown;
  [key: string]: unknown;
}

/** The parts of bpmn-elements' Environment an expression may see (its fields are prototype getters). */
export interface EngineEnvironment {
  variables?: Record<string, unknown>;
  output?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  services?: Record<string, unknown>;
}

export interface ScopeOptions {
  /** false: an unknown bare name is `undefined` instead of an error. */
  strictVariables: boolean;
}

const ROOTS = ['environment', 'content', 'properties', 'fields'] as const;

/**
 * Name lookup order for `${name}`:
 * 1. the engine's own roots `environment`, `content`, `properties`, `fields` (so the engine's
 *    internal `${environment.variables.x}` / `${content.id}` forms keep working; a process variable
 *    with one of these names is shadowed),
 * 2. `content.output` (activity-local output, as bpmn-elements exposes it),
 * 3. process variables (`environment.variables`),
 * 4. any other own key of the context (e.g. `loopOutput` for completion conditions).
 */
export function scopeFromEngineContext(context: EngineContext | undefined, options: ScopeOptions): JuelScope {
  const ctx: EngineContext = context ?? {};
  const env = ctx.environment;
  const roots: Record<string, unknown> = Object.create(null);
  if (env) roots.environment = environmentView(env);
  for (const root of ROOTS) if (root !== 'environment' && Object.hasOwn(ctx, root)) roots[root] = ctx[root];
  const layers = [roots, asRecord(ctx.content?.output), asRecord(env?.variables), ctx as Record<string, unknown>];
  return {
    where: describeElement(ctx),
    lookup(name) {
      for (const layer of layers) {
        if (layer && Object.hasOwn(layer, name)) return { found: true, value: layer[name] };
      }
      return options.strictVariables ? { found: false } : { found: true, value: undefined };
    },
  };
}

/** Process variables as FEEL sees them: the same layers 2-3 above, plus `content`. */
export function variablesFromEngineContext(context: EngineContext | undefined): Record<string, unknown> {
  const ctx: EngineContext = context ?? {};
  return {
    ...asRecord(ctx.environment?.variables),
    ...asRecord(ctx.content?.output),
    ...(ctx.content ? { content: ctx.content } : {}),
  };
}

/** A scope over a plain variables object, for the host's own expressions. */
export function scopeFromVariables(variables: Record<string, unknown>, where = '', strictVariables = true): JuelScope {
  return {
    where,
    lookup(name) {
      if (Object.hasOwn(variables, name)) return { found: true, value: variables[name] };
      return strictVariables ? { found: false } : { found: true, value: undefined };
    },
  };
}

export function describeElement(ctx: EngineContext): string {
  const id = ctx.content?.id ?? ctx.id;
  return typeof id === 'string' ? ` on <${id}>` : '';
}

function environmentView(env: EngineEnvironment): Record<string, unknown> {
  return { variables: env.variables, output: env.output, settings: env.settings, services: env.services };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
