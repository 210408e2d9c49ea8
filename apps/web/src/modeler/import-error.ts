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

/** moddle is lenient: it may drop a broken element with only a warning. Those warnings mean invalid XML. */
export function isFatalWarning(message: string): boolean {
  return /unparsable content/.test(message);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
