import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definitionParser, parseDefinition, type ParsedDefinition } from './definition-model.js';
import { cutDiagramInterchange } from './diagram-interchange.js';

const modeled = readFileSync(new URL('./fixtures/modeler-di.bpmn', import.meta.url), 'utf8');
/** a comment after the DI makes it uncuttable, so this is bpmn-moddle reading the whole XML */
const whole = (xml: string) => xml.replace(/(<\/bpmn:definitions>\s*)$/, '<!-- read whole -->\n$1');
const plain = (p: ParsedDefinition) => JSON.stringify(p, (_, v: unknown) => (v instanceof Map ? [...v] : v));
const outcome = (xml: string) => parseDefinition(xml).then(plain, (error: Error) => `refused: ${error.message}`);

describe('parseDefinition with diagram interchange', () => {
  it('given DI as a modeler writes it (labels, colours, label style), then it is cut and the result equals reading the whole XML', async () => {
    expect(cutDiagramInterchange(modeled.trim())).toMatchObject({ ids: expect.arrayContaining(['start_di', 'style_1']), references: expect.arrayContaining(['start', 'style_1']) });
    expect(cutDiagramInterchange(whole(modeled).trim())).toBeUndefined();
    const parsed = await parseDefinition(modeled);
    expect(parsed.key).toBe('modeled');
    expect(plain(parsed)).toBe(await outcome(whole(modeled)));
  });

  it.each([
    ['a shape of a missing element', (x: string) => x.replace('bpmnElement="review"', 'bpmnElement="ghost"'), /unresolved reference <ghost>/],
    ['a shape id that clashes with a task', (x: string) => x.replace('id="review_di"', 'id="review"'), /duplicate ID <review>/],
    ['two shapes with one id', (x: string) => x.replace('id="end_di"', 'id="start_di"'), /duplicate ID <start_di>/],
    ['an illegal shape id', (x: string) => x.replace('id="end_di"', 'id="1end"'), /illegal ID <1end>/],
    ['an unclosed DI element', (x: string) => x.replace('</bpmndi:BPMNPlane>', ''), /./],
    ['an unknown DI element', (x: string) => x.replace('<dc:Bounds x="932"', '<dc:Box x="932"'), /./],
    ['a missing label style', (x: string) => x.replace('labelStyle="style_1"', 'labelStyle="nostyle"'), /unresolved reference <nostyle>/],
  ])('given %s, then the outcome is the same as reading the whole XML', async (_, change, message) => {
    const xml = change(modeled);
    const result = await outcome(xml);
    expect(result).toBe(await outcome(whole(xml)));
    expect(result).toMatch(message);
  });

  it('given a process whose own flow references an id only the DI declares, then the outcome is the same as reading the whole XML', async () => {
    const xml = modeled.replace('targetRef="end"', 'targetRef="end_di"');
    expect(await outcome(xml)).toBe(await outcome(whole(xml)));
  });
});

describe('definitionParser', () => {
  it('given one parser reading several diagrams in turn and at once, then each result equals a parse of its own', async () => {
    const approval = readFileSync(new URL('./fixtures/approval.bpmn', import.meta.url), 'utf8');
    const broken = modeled.replace('bpmnElement="review"', 'bpmnElement="ghost"');
    const parse = definitionParser();
    const read = (xml: string) => parse(xml).then(plain, (error: Error) => `refused: ${error.message}`);
    const inTurn = [await read(modeled), await read(broken), await read(approval)];
    const atOnce = await Promise.all([read(approval), read(modeled), read(broken)]);
    const own = await Promise.all([outcome(modeled), outcome(broken), outcome(approval)]);
    expect(inTurn).toEqual(own);
    expect([atOnce[1], atOnce[2], atOnce[0]]).toEqual(own);
  });
});

describe('cutDiagramInterchange', () => {
  it.each([
    ['DI that starts inside a comment', (x: string) => x.replace('<bpmndi:BPMNDiagram', '<!-- <bpmndi:BPMNDiagram -->\n  <bpmndi:BPMNDiagram')],
    ['DI inside CDATA', (x: string) => x.replace('<bpmn:process ', '<bpmn:documentation><![CDATA[ <bpmndi:BPMNDiagram ]]></bpmn:documentation><bpmn:process ')],
    ['an entity in a DI attribute', (x: string) => x.replace('name="Arial"', 'name="A&amp;B"')],
    ['text inside DI', (x: string) => x.replace('<dc:Bounds x="152"', 'stray text <dc:Bounds x="152"')],
    ['text that reads like a tag but has no "<"', (x: string) => x.replace('<dc:Bounds x="152"', 'Xdc:Bounds x="152"')],
    ['a namespace declared inside DI', (x: string) => x.replace('<bpmndi:BPMNPlane id', '<bpmndi:BPMNPlane xmlns:x="urn:x" id')],
    ['an attribute bpmn-moddle does not know', (x: string) => x.replace('isMarkerVisible="true"', 'isMarkerVisble="true"')],
    ['a repeated attribute', (x: string) => x.replace('bpmnElement="f1"', 'bpmnElement="f1" bpmnElement="f2"')],
    ['process content after the DI', (x: string) => x.replace('</bpmn:definitions>', '<bpmn:message id="m" name="m" /></bpmn:definitions>')],
    ['no DI namespace on the root', (x: string) => x.replace(/xmlns:bpmndi="[^"]+"/, '').replace(/bpmndi:/g, 'bpmndi2:').replace('<bpmndi2:BPMNDiagram', '<bpmndi2:BPMNDiagram xmlns:bpmndi2="http://www.omg.org/spec/BPMN/20100524/DI"')],
  ])('given %s, then it declines to cut (the whole XML is read)', (_, change) => {
    expect(cutDiagramInterchange(change(modeled).trim())).toBeUndefined();
  });

  it('given the cut, then the XML before the DI is unchanged, so line numbers in messages hold', () => {
    const xml = modeled.trim();
    const cut = cutDiagramInterchange(xml)!;
    const at = xml.indexOf('<bpmndi:BPMNDiagram');
    expect(cut.semantic.slice(0, at)).toBe(xml.slice(0, at));
    expect(cut.semantic.slice(at).trim()).toBe('</bpmn:definitions>');
  });
});
