/**
 * Splits text into literal parts and `${...}` expression bodies. A hand scan (not a lazy regex, as
 * bpmn-elements uses) so that `}` inside string literals such as `${a == "}"}` does not end the body.
 */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expr'; source: string };

export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const start = text.indexOf('${', cursor);
    if (start < 0) break;
    const end = findClosingBrace(text, start + 2);
    if (end < 0) break;
    if (start > cursor) parts.push({ kind: 'text', text: text.slice(cursor, start) });
    parts.push({ kind: 'expr', source: text.slice(start + 2, end) });
    cursor = end + 1;
  }
  if (cursor < text.length) parts.push({ kind: 'text', text: text.slice(cursor) });
  return parts;
}

/** True when the whole text is exactly one `${...}`: the raw value is returned, not a string. */
export function isSingleExpression(text: string): boolean {
  const parts = splitTemplate(text);
  return parts.length === 1 && parts[0]?.kind === 'expr';
}

export function containsExpression(text: string): boolean {
  return splitTemplate(text).some((part) => part.kind === 'expr');
}

function findClosingBrace(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
