/**
 * ISO 8601 helpers for task due dates: an absolute date, or a duration from a base time ("P3D",
 * "PT1H30M"). Timer events use bpmn-elements' own ISO handling; this is only for camunda:dueDate.
 */
const DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = match.map((v) => (v ? Number(v) : 0));
  return ((((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000;
}

/** resolves a due-date value to an ISO string, or undefined when it is neither a date nor a duration */
export function resolveDue(value: unknown, base: Date): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) return value.toISOString();
  const text = String(value).trim();
  const ms = durationMs(text);
  if (ms !== undefined) return new Date(base.getTime() + ms).toISOString();
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
