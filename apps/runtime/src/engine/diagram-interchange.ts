/**
 * Cuts the diagram interchange (the top-level <bpmndi:BPMNDiagram> sections: shapes, edges, bounds,
 * waypoints) out of BPMN XML before bpmn-moddle builds it. Neither bpmn-engine's source context nor
 * Baton's element map reads DI, yet building it is about two thirds of the parse of a large diagram.
 *
 * The cut is conservative. A strict scan accepts only plain, well-formed DI made of the elements and
 * attributes bpmn-moddle knows there, with legal ids; the caller then checks those ids are unique and
 * the references resolve against what bpmn-moddle read (see `resolvesIn`). Anything the scan does not
 * fully understand (comments or CDATA around the cut, entities, text, unknown elements or attributes,
 * namespace declarations inside DI, DI that is not the last content of the document) returns
 * undefined, and the caller parses the whole XML as before, so every refusal and its message still
 * comes from bpmn-moddle. The XML before the cut is kept byte for byte, so line numbers in messages hold.
 */

const NS = {
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
} as const;
/** bpmn-js colour attributes (string properties of bpmn-moddle's bioc and color packages) */
const COLOR_NS = new Set(['http://bpmn.io/schema/bpmn/biocolor/1.0', 'http://www.omg.org/spec/BPMN/non-normative/color/1.0']);

interface DiType {
  /** attributes bpmn-moddle reads as plain values */
  attrs: readonly string[];
  /** attributes bpmn-moddle resolves as id references */
  refs?: readonly string[];
  children?: readonly string[];
  /** may carry bioc:/color: attributes */
  colored?: boolean;
}

/** the DI bpmn-js and Camunda Modeler write, as bpmn-moddle's bpmndi/dc/di packages define it */
const TYPES: Record<string, DiType> = {
  'bpmndi:BPMNDiagram': { attrs: ['id', 'name', 'documentation', 'resolution'], children: ['bpmndi:BPMNPlane', 'bpmndi:BPMNLabelStyle'] },
  'bpmndi:BPMNPlane': { attrs: ['id'], refs: ['bpmnElement'], children: ['bpmndi:BPMNShape', 'bpmndi:BPMNEdge'] },
  'bpmndi:BPMNShape': {
    attrs: ['id', 'isHorizontal', 'isExpanded', 'isMarkerVisible', 'isMessageVisible', 'participantBandKind'],
    refs: ['bpmnElement', 'choreographyActivityShape'],
    children: ['dc:Bounds', 'bpmndi:BPMNLabel'],
    colored: true,
  },
  'bpmndi:BPMNEdge': { attrs: ['id', 'messageVisibleKind'], refs: ['bpmnElement', 'sourceElement', 'targetElement'], children: ['di:waypoint', 'bpmndi:BPMNLabel'], colored: true },
  'bpmndi:BPMNLabel': { attrs: ['id'], refs: ['labelStyle'], children: ['dc:Bounds'], colored: true },
  'bpmndi:BPMNLabelStyle': { attrs: ['id'], children: ['dc:Font'] },
  'dc:Bounds': { attrs: ['x', 'y', 'width', 'height'] },
  'di:waypoint': { attrs: ['x', 'y'] },
  'dc:Font': { attrs: ['name', 'size', 'isBold', 'isItalic', 'isUnderline', 'isStrikeThrough'] },
};
const TOP_LEVEL = ['bpmndi:BPMNDiagram'];

/** bpmn-moddle's own test for a legal id (moddle-xml, QName per XML 1.0 NameChar) */
const LEGAL_ID = /^([a-z][\w-.]*:)?[a-z_][\w-.]*$/i;

export interface DiagramInterchange {
  /** the XML without its DI; everything before the cut is unchanged */
  semantic: string;
  /** ids the DI declares (bpmn-moddle would register them next to the process's) */
  ids: string[];
  /** ids the DI references (bpmn-moddle would warn "unresolved reference" for each one missing) */
  references: string[];
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isNameChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46;
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

/**
 * The end of the name that starts at `pos` (a run of name characters), or -1 unless that run is a
 * qualified name: a letter or "_" first, and at most one ":", followed by a letter or "_".
 */
function nameEnd(xml: string, pos: number): number {
  if (!isNameStart(xml.charCodeAt(pos))) return -1;
  let colon = false;
  let i = pos + 1;
  for (let c = xml.charCodeAt(i); isNameChar(c); c = xml.charCodeAt(++i)) {
    if (c === 58 /* : */) {
      if (colon || !isNameStart(xml.charCodeAt(i + 1))) return -1;
      colon = true;
    }
  }
  return i;
}

/** a quoted attribute value free of "<" and "&", read from just past its opening quote (sticky) */
const DOUBLE_QUOTED = /[^"<&]*"/y;
const SINGLE_QUOTED = /[^'<&]*'/y;

/** the index of the quote closing the value quoted at `open`, or -1 if it is not quoted, not closed, or holds "<" or "&" */
function valueEnd(xml: string, open: number): number {
  const quote = xml.charCodeAt(open);
  const value = quote === 34 /* " */ ? DOUBLE_QUOTED : quote === 39 /* ' */ ? SINGLE_QUOTED : undefined;
  if (!value) return -1;
  value.lastIndex = open + 1;
  return value.test(xml) ? value.lastIndex - 1 : -1;
}

interface OpenTag {
  name: string;
  attrs: [string, string][];
  selfClosing: boolean;
  /** index just past the tag's ">" */
  end: number;
}

/**
 * The open tag at `pos`, read strictly: a qualified name, then attributes separated by whitespace
 * with quoted values free of "<" and "&" (no entities to decode), each attribute once. Anything else
 * is undefined. (The DI scan below reads its tags by the same rules without building this.)
 */
function readOpenTag(xml: string, pos: number): OpenTag | undefined {
  let i = nameEnd(xml, pos + 1);
  if (i < 0) return undefined;
  const name = xml.slice(pos + 1, i);
  const attrs: [string, string][] = [];
  for (;;) {
    const spaced = isSpace(xml.charCodeAt(i));
    while (isSpace(xml.charCodeAt(i))) i += 1;
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return { name, attrs, selfClosing: false, end: i + 1 };
    if (c === 47 /* / */) return xml.charCodeAt(i + 1) === 62 ? { name, attrs, selfClosing: true, end: i + 2 } : undefined;
    if (!spaced) return undefined;
    const nameStart = i;
    i = nameEnd(xml, i);
    if (i < 0) return undefined;
    const attr = xml.slice(nameStart, i);
    if (attrs.some(([n]) => n === attr)) return undefined;
    while (isSpace(xml.charCodeAt(i))) i += 1;
    if (xml.charCodeAt(i) !== 61 /* = */) return undefined;
    i += 1;
    while (isSpace(xml.charCodeAt(i))) i += 1;
    const close = valueEnd(xml, i);
    if (close < 0) return undefined;
    attrs.push([attr, xml.slice(i + 1, close)]);
    i = close + 1;
  }
}

const PLAIN = 0;
const ID = 1;
const REF = 2;

/** a DI type ready for the scan */
interface DiSpec {
  /** the attributes it may have; an attribute's index is its bit in the mask of those a tag gave */
  names: string[];
  kinds: (typeof PLAIN | typeof ID | typeof REF)[];
  children: Set<string>;
  colored: boolean;
}

const SPECS = new Map<string, DiSpec>(
  Object.entries(TYPES).map(([type, t]) => {
    const names = [...t.attrs, ...(t.refs ?? [])];
    return [type, { names, kinds: names.map((n) => (t.refs?.includes(n) ? REF : n === 'id' ? ID : PLAIN)), children: new Set(t.children), colored: t.colored === true }];
  }),
);
const TOP: Pick<DiSpec, 'children'> = { children: new Set(TOP_LEVEL) };

/** a tag name as written, with the DI type it names */
interface Known {
  qname: string;
  type: string;
  spec: DiSpec;
}

/**
 * Reads the DI between `start` and `end` by the rules of readOpenTag. It runs once per deploy over
 * most of a large diagram's bytes, so it reads tags in place: names it expects are compared where
 * they stand rather than cut out, and only ids and references become strings.
 */
class DiScan {
  readonly ids: string[] = [];
  readonly references: string[] = [];
  /** the tag names met so far (a handful, thousands of times each) */
  private readonly known: Known[] = [];
  private readonly short = new Map<string, string>(Object.entries(NS).map(([p, uri]) => [uri, p]));
  /** the qualified (colour) attribute names of the tag being read */
  private readonly qualified: string[] = [];

  constructor(
    private readonly xml: string,
    private readonly prefixes: Map<string, string>,
  ) {}

  /** false when the DI is not the plain, well-formed DI this scan understands */
  run(start: number, end: number): boolean {
    const xml = this.xml;
    const stack: Known[] = [];
    for (let pos = start; pos < end; ) {
      const c = xml.charCodeAt(pos);
      if (isSpace(c)) {
        pos += 1;
      } else if (c !== 60 /* < */) {
        return false;
      } else if (xml.startsWith('<!--', pos)) {
        const close = xml.indexOf('-->', pos + 4);
        if (close < 0 || close + 3 > end) return false;
        pos = close + 3;
      } else if (xml.charCodeAt(pos + 1) === 47 /* / */) {
        const gt = xml.indexOf('>', pos);
        const top = stack.pop();
        if (gt < 0 || !top || !this.closes(top.qname, pos + 2, gt)) return false;
        pos = gt + 1;
      } else {
        const nameStop = nameEnd(xml, pos + 1);
        const tag = nameStop < 0 ? undefined : this.knownAt(pos + 1, nameStop);
        if (!tag || !(stack.length ? stack[stack.length - 1].spec : TOP).children.has(tag.type)) return false;
        const tagEnd = this.readAttributes(nameStop, tag.spec);
        // tagEnd is past the ">" (negative for "/>"); a tag that runs past the DI is not DI
        if (tagEnd === 0 || Math.abs(tagEnd) > end) return false;
        if (tagEnd > 0) stack.push(tag);
        pos = Math.abs(tagEnd);
      }
    }
    return stack.length === 0;
  }

  /** the DI type of the tag name xml[from, to), or undefined when it names none */
  private knownAt(from: number, to: number): Known | undefined {
    const xml = this.xml;
    for (const k of this.known) if (k.qname.length === to - from && xml.startsWith(k.qname, from)) return k;
    const qname = xml.slice(from, to);
    const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
    const ns = this.short.get(this.prefixes.get(prefix) ?? '');
    const type = `${ns}:${local}`;
    const spec = ns ? SPECS.get(type) : undefined;
    if (!spec) return undefined;
    const k = { qname, type, spec };
    this.known.push(k);
    return k;
  }

  /** is xml[from, gt) the name `qname`, then nothing but trailing whitespace (as String#trimEnd reads it)? */
  private closes(qname: string, from: number, gt: number): boolean {
    const rest = from + qname.length;
    return rest <= gt && this.xml.startsWith(qname, from) && (rest === gt || this.xml.slice(rest, gt).trimEnd() === '');
  }

  /**
   * Reads the attributes from `i` (just past the tag name) and checks each against `spec`. Returns
   * the index past ">" for an open tag, its negation for "/>", or 0 when the tag is not acceptable.
   */
  private readAttributes(i: number, spec: DiSpec): number {
    const xml = this.xml;
    const { names, kinds } = spec;
    let given = 0;
    this.qualified.length = 0;
    for (;;) {
      const spaced = isSpace(xml.charCodeAt(i));
      while (isSpace(xml.charCodeAt(i))) i += 1;
      const c = xml.charCodeAt(i);
      if (c === 62 /* > */) return i + 1;
      if (c === 47 /* / */) return xml.charCodeAt(i + 1) === 62 ? -(i + 2) : 0;
      if (!spaced) return 0;
      const nameStart = i;
      i = nameEnd(xml, i);
      if (i < 0) return 0;
      let k = names.length - 1;
      while (k >= 0 && !(names[k].length === i - nameStart && xml.startsWith(names[k], nameStart))) k -= 1;
      if (k >= 0) {
        if (given & (1 << k)) return 0;
        given |= 1 << k;
      } else if (!this.colour(xml.slice(nameStart, i), spec)) {
        return 0;
      }
      while (isSpace(xml.charCodeAt(i))) i += 1;
      if (xml.charCodeAt(i) !== 61 /* = */) return 0;
      i += 1;
      while (isSpace(xml.charCodeAt(i))) i += 1;
      const close = valueEnd(xml, i);
      if (close < 0) return 0;
      if (k >= 0 && kinds[k] !== PLAIN) {
        const id = xml.slice(i + 1, close);
        if (!LEGAL_ID.test(id)) return 0;
        (kinds[k] === ID ? this.ids : this.references).push(id);
      }
      i = close + 1;
    }
  }

  /** may a tag of `spec` carry the attribute `name` it does not define: a bpmn-js colour, given once? */
  private colour(name: string, spec: DiSpec): boolean {
    const colon = name.indexOf(':');
    if (colon < 0 || !spec.colored || !COLOR_NS.has(this.prefixes.get(name.slice(0, colon)) ?? '') || this.qualified.includes(name)) return false;
    this.qualified.push(name);
    return true;
  }
}

/** the DI of `xml` (already trimmed) cut out, or undefined when it cannot be cut safely */
export function cutDiagramInterchange(xml: string): DiagramInterchange | undefined {
  const declaration = /^<\?xml[^>]*\?>\s*/.exec(xml)?.[0].length ?? 0;
  const root = xml.charAt(declaration) === '<' ? readOpenTag(xml, declaration) : undefined;
  if (!root || root.selfClosing) return undefined;
  const prefixes = new Map<string, string>();
  for (const [name, uri] of root.attrs) {
    if (name === 'xmlns') prefixes.set('', uri);
    else if (name.startsWith('xmlns:')) prefixes.set(name.slice(6), uri);
  }
  const diPrefixes = [...prefixes].filter(([, uri]) => uri === NS.bpmndi).map(([prefix]) => prefix);
  if (diPrefixes.length !== 1 || diPrefixes[0] === '') return undefined;
  const open = `<${diPrefixes[0]}:BPMNDiagram`;
  const close = `</${diPrefixes[0]}:BPMNDiagram>`;
  const start = xml.indexOf(open, root.end);
  if (start < 0 || !/[\s/>]/.test(xml.charAt(start + open.length))) return undefined;
  // the DI must not start inside a comment or CDATA section of the process part
  const before = xml.slice(root.end, start);
  if (before.lastIndexOf('<!--') > before.lastIndexOf('-->') || before.lastIndexOf('<![CDATA[') > before.lastIndexOf(']]>')) return undefined;
  const end = xml.lastIndexOf(close) + close.length;
  // ...and must be the last content: only the root's close tag follows it
  if (end <= start || xml.slice(end).trim() !== `</${root.name}>`) return undefined;

  const scan = new DiScan(xml, prefixes);
  if (!scan.run(start, end)) return undefined;
  return { semantic: xml.slice(0, start) + xml.slice(end), ids: scan.ids, references: scan.references };
}

/** do the DI's ids stay unique and its references resolve next to the ids bpmn-moddle read? */
export function resolvesIn(di: DiagramInterchange, elementsById: Record<string, unknown>): boolean {
  const own = new Set<string>();
  for (const id of di.ids) {
    if (own.has(id) || Object.hasOwn(elementsById, id)) return false;
    own.add(id);
  }
  return di.references.every((ref) => own.has(ref) || Object.hasOwn(elementsById, ref));
}
