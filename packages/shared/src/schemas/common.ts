import { z } from 'zod';

/** Upper bounds on what a client may send; the runtime enforces them on every input. */
export const LIMITS = {
  xmlBytes: 1_000_000,
  variablesBytes: 1_000_000,
  nameLength: 200,
  idLength: 100,
  listMax: 500,
} as const;

export const Id = z.string().min(1).max(LIMITS.idLength);
export const IsoDate = z.string();

/**
 * A JSON object of process variables. Checked on the RAW input (before zod copies it), so a
 * `__proto__` key is refused rather than silently turned into a prototype.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const Variables = z
  .unknown()
  .superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'variables must be a JSON object' });
      return;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) ctx.addIssue({ code: 'custom', message: `variable name "${key}" is not allowed` });
    }
    let size = 0;
    try {
      size = JSON.stringify(value).length;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'variables must be plain JSON' });
      return;
    }
    if (size > LIMITS.variablesBytes) {
      ctx.addIssue({ code: 'custom', message: `variables are ${size} bytes; the limit is ${LIMITS.variablesBytes}` });
    }
  })
  .pipe(z.record(z.string().max(200), z.unknown()));
export type Variables = Record<string, unknown>;

export const PageInput = z.object({
  limit: z.number().int().min(1).max(LIMITS.listMax).optional(),
  cursor: z.string().max(200).optional(),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}
