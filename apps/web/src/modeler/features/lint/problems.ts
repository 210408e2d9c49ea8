/** Lint findings as the Problems panel shows them: severity, element, message — errors first. */

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  /** Element to select; for findings on invisible elements, the participant or root that shows them. */
  elementId: string;
  /** Element the rule reported (may differ from elementId, e.g. a process behind a participant). */
  reportedId: string;
  elementName: string | null;
  severity: Severity;
  message: string;
  rule: string;
}

export interface RawReport {
  id?: string;
  actualElementId?: string;
  message: string;
  category: string;
  rule?: string;
}

const SEVERITY: Record<string, Severity> = { error: 'error', warn: 'warning', info: 'info' };
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function toProblems(reports: Array<RawReport & { rule: string }>, nameOf: (id: string) => string | null): Problem[] {
  return reports
    .filter((r) => r.category !== 'rule-error' || !!r.message)
    .map((r) => {
      const reportedId = r.actualElementId ?? r.id ?? '';
      return {
        elementId: r.id ?? reportedId,
        reportedId,
        elementName: nameOf(reportedId),
        severity: SEVERITY[r.category] ?? 'error',
        message: r.message,
        rule: r.rule,
      };
    })
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.reportedId.localeCompare(b.reportedId));
}

/** bpmnlint's Linter result is keyed by rule; flatten it. */
export function flattenByRule(result: Record<string, RawReport[]>): Array<RawReport & { rule: string }> {
  return Object.entries(result).flatMap(([rule, reports]) => reports.map((r) => ({ ...r, rule })));
}

/** bpmn-js-bpmnlint's `linting.completed` issues are keyed by element; flatten them. */
export function flattenByElement(issues: Record<string, Array<RawReport & { rule: string }>>): Array<RawReport & { rule: string }> {
  return Object.values(issues).flat();
}

export function countBySeverity(problems: Problem[]) {
  return {
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
  };
}
