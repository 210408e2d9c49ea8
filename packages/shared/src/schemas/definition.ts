import { z } from 'zod';
import { Id, LIMITS } from './common.js';
import { Xml } from './diagram.js';

export const Definition = z.object({
  id: Id,
  key: z.string(),
  version: z.number().int(),
  name: z.string(),
  hash: z.string(),
  deployedAt: z.string(),
  diagramId: z.string().nullable(),
});
export type Definition = z.infer<typeof Definition>;

export const DefinitionWithXml = Definition.extend({ xml: z.string() });
export type DefinitionWithXml = z.infer<typeof DefinitionWithXml>;

export const DeployInput = z.object({
  xml: Xml,
  name: z.string().max(LIMITS.nameLength).optional(),
  diagramId: Id.optional(),
});
export type DeployInput = z.infer<typeof DeployInput>;

export const DeployResult = z.object({ id: Id, key: z.string(), version: z.number().int(), unchanged: z.boolean() });
export type DeployResult = z.infer<typeof DeployResult>;

export const ElementStats = z.object({
  elementId: z.string(),
  active: z.number().int(),
  incidents: z.number().int(),
  completed: z.number().int(),
  avgDurationMs: z.number().nullable(),
});
export type ElementStats = z.infer<typeof ElementStats>;
