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
const NAME = '[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?';
const QNAME = new RegExp(`^${NAME}$`);

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
 * is undefined. (A scanner rather than one regular expression: this runs for every DI element.)
 */
function readOpenTag(xml: string, pos: number): OpenTag | undefined {
  let i = pos + 1;
  while (isNameChar(xml.charCodeAt(i))) i += 1;
  const name = xml.slice(pos + 1, i);
  if (!QNAME.test(name)) return undefined;
  const attrs: [string, string][] = [];
  for (;;) {
    const spaced = isSpace(xml.charCodeAt(i));
    while (isSpace(xml.charCodeAt(i))) i += 1;
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return { name, attrs, selfClosing: false, end: i + 1 };
    if (c === 47 /* / */) return xml.charCodeAt(i + 1) === 62 ? { name, attrs, selfClosing: true, end: i + 2 } : undefined;
    if (!spaced) return undefined;
    const nameStart = i;
    while (isNameChar(xml.charCodeAt(i))) i += 1;
    const attr = xml.slice(nameStart, i);
    if (!QNAME.test(attr) || attrs.some(([n]) => n === attr)) return undefined;
    while (isSpace(xml.charCodeAt(i))) i += 1;
    if (xml.charCodeAt(i) !== 61 /* = */) return undefined;
    i += 1;
    while (isSpace(xml.charCodeAt(i))) i += 1;
    const quote = xml.charAt(i);
    if (quote !== '"' && quote !== "'") return undefined;
    const close = xml.indexOf(quote, i + 1);
    if (close < 0) return undefined;
    const value = xml.slice(i + 1, close);
    if (value.includes('<') || value.includes('&')) return undefined;
    attrs.push([attr, value]);
    i = close + 1;
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

  const short = new Map<string, string>(Object.entries(NS).map(([p, uri]) => [uri, p]));
  // qualified name as written -> bpmn-moddle type name (few distinct names, thousands of elements)
  const typeNames = new Map<string, string | undefined>();
  const typeOf = (qname: string) => {
    if (!typeNames.has(qname)) {
      const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
      const ns = short.get(prefixes.get(prefix) ?? '');
      typeNames.set(qname, ns && Object.hasOwn(TYPES, `${ns}:${local}`) ? `${ns}:${local}` : undefined);
    }
    return typeNames.get(qname);
  };
  const ids: string[] = [];
  const references: string[] = [];
  const stack: { qname: string; spec: DiType }[] = [];
  for (let pos = start; pos < end; ) {
    if (isSpace(xml.charCodeAt(pos))) {
      pos += 1;
    } else if (xml.startsWith('<!--', pos)) {
      const close = xml.indexOf('-->', pos + 4);
      if (close < 0 || close + 3 > end) return undefined;
      pos = close + 3;
    } else if (xml.startsWith('</', pos)) {
      const gt = xml.indexOf('>', pos);
      if (gt < 0 || stack.pop()?.qname !== xml.slice(pos + 2, gt).trimEnd()) return undefined;
      pos = gt + 1;
    } else {
      const tag = readOpenTag(xml, pos);
      if (!tag || tag.end > end) return undefined;
      const type = typeOf(tag.name);
      const allowed = stack.length ? stack[stack.length - 1].spec.children : TOP_LEVEL;
      if (!type || !allowed?.includes(type)) return undefined;
      const spec = TYPES[type];
      for (const [name, value] of tag.attrs) {
        if (name.includes(':')) {
          if (!spec.colored || !COLOR_NS.has(prefixes.get(name.split(':')[0]) ?? '')) return undefined;
        } else if (spec.refs?.includes(name)) {
          if (!LEGAL_ID.test(value)) return undefined;
          references.push(value);
        } else if (!spec.attrs.includes(name)) {
          return undefined;
        } else if (name === 'id') {
          if (!LEGAL_ID.test(value)) return undefined;
          ids.push(value);
        }
      }
      if (!tag.selfClosing) stack.push({ qname: tag.name, spec });
      pos = tag.end;
    }
  }
  if (stack.length) return undefined;
  return { semantic: xml.slice(0, start) + xml.slice(end), ids, references };
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
