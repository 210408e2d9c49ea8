import { describe, expect, it } from 'vitest';
import BpmnModdle from 'bpmn-moddle';
import { describeDroppedContent, formatImportError, isFatalWarning, parseImportMessage } from './import-error';

async function moddleError(xml: string): Promise<string> {
  try {
    const { warnings } = await new BpmnModdle().fromXML(xml);
    const fatal = warnings.find((w) => isFatalWarning(w.message));
    return fatal ? fatal.message : 'no error';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('import errors', () => {
  it('given a mismatched closing tag, when formatted, then the 1-based line and the cause are named', async () => {
    const raw = await moddleError('<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process id="p">\n</bpmn:definitions>');
    const p = parseImportMessage(raw);
    expect(p.line).toBe(4);
    expect(p.message).toMatch(/closing tag mismatch/);
    expect(formatImportError(new Error(raw), 'order.bpmn')).toMatch(/^order\.bpmn could not be opened\. Line 4, column \d+: closing tag mismatch/);
  });

  it('given text that is not XML, when formatted, then it says so without a line 0', async () => {
    const raw = await moddleError('hello world');
    expect(formatImportError(new Error(raw))).toBe('The diagram could not be opened. The file is not XML (no start tag found).');
  });

  it('given an unknown message, when formatted, then it is passed through readably', () => {
    expect(parseImportMessage('no diagram to display\n  at x')).toEqual({ line: null, column: null, message: 'no diagram to display at x' });
  });

  it('given an unknown vendor element, then it is not fatal and is described as dropped', () => {
    const msg = 'unparsable content <ot:x> detected\n\tline: 21\n\tcolumn: 4\n\tnested error: unrecognized element <ot:x>';
    expect(isFatalWarning(msg)).toBe(false);
    expect(describeDroppedContent([msg])).toBe('1 part of the file was not understood and will not be kept (first at line 22: unrecognized element <ot:x> near <ot:x>).');
  });
});
