import { describe, expect, it } from 'vitest';
import { CAMUNDA_NS, repairNamespaces } from './repair-namespaces';

describe('repairNamespaces', () => {
  it('given camunda: bound to Activiti, when repaired, then it becomes the Camunda namespace', () => {
    const { xml, notes } = repairNamespaces('<definitions xmlns:camunda="http://activiti.org/bpmn"><userTask camunda:assignee="demo"/></definitions>');
    expect(xml).toBe(`<definitions xmlns:camunda="${CAMUNDA_NS}"><userTask camunda:assignee="demo"/></definitions>`);
    expect(notes).toHaveLength(1);
  });

  it('given camunda: bound to a foreign namespace, when repaired, then the prefix is renamed everywhere', () => {
    const { xml } = repairNamespaces('<d xmlns:camunda="urn:other"><camunda:x camunda:y="1">camunda:text</camunda:x></d>');
    expect(xml).toBe('<d xmlns:camunda_ext="urn:other"><camunda_ext:x camunda_ext:y="1">camunda:text</camunda_ext:x></d>');
  });

  it('given the right namespace, when repaired, then nothing changes', () => {
    const src = `<d xmlns:camunda="${CAMUNDA_NS}"/>`;
    expect(repairNamespaces(src)).toEqual({ xml: src, notes: [] });
  });
});
