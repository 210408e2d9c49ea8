/**
 * Turns moddle / bpmn-js import failures into messages a person can act on: which line and column,
 * and what was wrong there. moddle reports e.g.
 * "unparsable content </bpmn:definitions> detected\n\tline: 3\n\tcolumn: 39\n\tnested error: closing tag mismatch".
 */

export interface XmlProblem {
  line: number | null;
  column: number | null;
  message: string;
}

const UNPARSABLE = /unparsable content (.*?) detected\s+line: (\d+)\s+column: (\d+)\s+nested error: ([^\n]*)/s;

export function parseImportMessage(raw: string): XmlProblem {
  const m = UNPARSABLE.exec(raw);
  if (m) {
    const [, content, line, column, nested] = m;
    const lineNo = Number(line);
    if (lineNo === 0 && /missing start tag/.test(nested)) {
      return { line: null, column: null, message: 'The file is not XML (no start tag found).' };
    }
    return { line: lineNo + 1, column: Number(column) + 1, message: `${nested} near ${truncate(content, 60)}` };
  }
  return { line: null, column: null, message: raw.replace(/\s+/g, ' ').trim() };
}

export function formatXmlProblem(p: XmlProblem): string {
  return p.line !== null ? `Line ${p.line}, column ${p.column}: ${p.message}` : p.message;
}

/** One sentence for an import failure; `fileName` names the file when there is one. */
export function formatImportError(error: unknown, fileName?: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const where = fileName ? `${fileName} could not be opened. ` : 'The diagram could not be opened. ';
  return where + formatXmlProblem(parseImportMessage(raw));
}

/**
 * moddle is lenient: it drops what it cannot read with only a warning. Broken XML syntax (tag
 * mismatch, bad attribute...) is fatal; an unknown vendor element or type is not — it is dropped and
 * the user is told (see describeDroppedContent).
 */
export function isFatalWarning(message: string): boolean {
  return /unparsable content/.test(message) && !NON_FATAL.test(message);
}

const NON_FATAL = /nested error: (unrecognized element|unknown type|unresolved reference|invalid value|unparsable content)/;

/** "2 parts of the file were not understood and are not kept (line 22: <ot:schemaObjectDescription>…)". */
export function describeDroppedContent(messages: string[]): string | null {
  const dropped = messages.filter((m) => /unparsable content/.test(m));
  if (!dropped.length) return null;
  const first = parseImportMessage(dropped[0]);
  const where = first.line !== null ? ` (first at line ${first.line}: ${first.message})` : '';
  return `${dropped.length} part${dropped.length === 1 ? '' : 's'} of the file ${dropped.length === 1 ? 'was' : 'were'} not understood and will not be kept${where}.`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
