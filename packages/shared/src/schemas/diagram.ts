import { z } from 'zod';
import { Id, LIMITS } from './common.js';

export const Xml = z.string().min(1, 'XML is empty').max(LIMITS.xmlBytes, `XML is larger than ${LIMITS.xmlBytes} bytes`);

export const DiagramSummary = z.object({
  id: Id,
  name: z.string(),
  revision: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  deployedVersion: z.number().int().nullable().optional(),
  processKey: z.string().nullable().optional(),
});
export type DiagramSummary = z.infer<typeof DiagramSummary>;

export const Diagram = DiagramSummary.extend({ xml: z.string() });
export type Diagram = z.infer<typeof Diagram>;

export const SaveDiagramInput = z.object({
  id: Id.optional(),
  name: z.string().min(1).max(LIMITS.nameLength),
  xml: Xml,
  /** The revision the client edited; a mismatch is CONFLICT (two tabs never overwrite each other). */
  revision: z.number().int().optional(),
});
export type SaveDiagramInput = z.infer<typeof SaveDiagramInput>;
