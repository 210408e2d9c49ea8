/**
 * Prefix clashes break export: when a file binds `camunda:` (or `baton:`) to another namespace, moddle
 * cannot write those attributes back ("no namespace uri given for prefix <ns0>"). We fix the XML text
 * before parsing:
 * - `camunda` bound to the Activiti namespace (Camunda 7's ancestor, same attributes) is switched to
 *   the Camunda namespace — what Camunda Modeler offers too — so assignee/formKey keep working;
 * - `camunda`/`baton` bound to anything else is renamed to a free prefix so it round-trips untouched.
 */
export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
const ACTIVITI_NS = 'http://activiti.org/bpmn';
const OURS: Record<string, string> = { camunda: CAMUNDA_NS, baton: 'http://baton.dev/schema/bpmn/1.0' };

export function repairNamespaces(xml: string): { xml: string; notes: string[] } {
  const notes: string[] = [];
  let out = xml;
  for (const [prefix, uri] of Object.entries(OURS)) {
    const decl = new RegExp(`xmlns:${prefix}\\s*=\\s*(["'])([^"']*)\\1`);
    const m = decl.exec(out);
    if (!m || m[2] === uri) continue;
    if (prefix === 'camunda' && m[2] === ACTIVITI_NS) {
      out = out.replace(decl, `xmlns:camunda="${CAMUNDA_NS}"`);
      notes.push('The file uses the Activiti namespace for camunda: attributes; they were converted to the Camunda namespace.');
      continue;
    }
    const free = freePrefix(out, `${prefix}_ext`);
    out = out.replace(decl, `xmlns:${free}="${m[2]}"`).replace(new RegExp(`(<\\/?|\\s)${prefix}:(?=[A-Za-z_])`, 'g'), `$1${free}:`);
    notes.push(`The prefix "${prefix}:" was bound to ${m[2]}; it was renamed to "${free}:" so it cannot clash.`);
  }
  return { xml: out, notes };
}

function freePrefix(xml: string, base: string): string {
  let candidate = base;
  for (let i = 2; xml.includes(`xmlns:${candidate}=`); i++) candidate = `${base}${i}`;
  return candidate;
}
