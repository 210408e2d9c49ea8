import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
});
afterAll(() => rt.cleanup());

const simple = (name = 'Task') => bpmn('order', `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><userTask id="t" name="${name}" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />`);

describe('definitions.deploy', () => {
  it('given the same XML twice, then the version stays; given changed XML, then the next version', async () => {
    const api = rt.as(rt.admin);
    const first = await api.definitions.deploy({ xml: simple() });
    const again = await api.definitions.deploy({ xml: simple() });
    const changed = await api.definitions.deploy({ xml: simple('Review') });
    expect(first).toMatchObject({ key: 'order', version: 1, unchanged: false });
    expect(again).toMatchObject({ id: first.id, version: 1, unchanged: true });
    expect(changed).toMatchObject({ key: 'order', version: 2, unchanged: false });
    const list = await api.definitions.list({ key: 'order' });
    expect(list.items.map((d) => d.version).sort()).toEqual([1, 2]);
  });

  it('given an instance on v1, when v2 is deployed, then the instance keeps v1', async () => {
    const api = rt.as(rt.admin);
    await api.definitions.deploy({ xml: bpmn('keep', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" />') });
    const { id } = await api.instances.start({ key: 'keep' });
    await api.definitions.deploy({ xml: bpmn('keep', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t2" /><userTask id="t2" />') });
    const instance = await api.instances.get({ id });
    expect(instance.version).toBe(1);
    expect(instance.tokens).toEqual([{ elementId: 't', count: 1 }]);
  });

  it.each([
    ['malformed XML', '<definitions><process id="p">\n<userTask id="t"></process></definitions>', /could not be read.*line/i],
    ['no executable process', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" /></definitions>', /No executable process.*isExecutable/],
    ['an unknown reference', bpmn('refs', '<startEvent id="s" />\n<sequenceFlow id="f" sourceRef="s" targetRef="ghost" />'), /unresolved reference <ghost>/],
    ['an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><definitions>&x;</definitions>', /DOCTYPE/],
    ['a complex gateway', bpmn('cx', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="g" /><complexGateway id="g" />'), /"g" is a ComplexGateway/],
    ['a service task without topic', bpmn('svc', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="call" /><serviceTask id="call" />'), /ServiceTask "call".*no external topic/],
  ])('given %s, then BAD_REQUEST names the problem and nothing is stored', async (_, xml, message) => {
    const api = rt.as(rt.admin);
    const before = (await api.definitions.list()).items.length;
    await expect(api.definitions.deploy({ xml })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
    expect((await api.definitions.list()).items.length).toBe(before);
  });

  it('given XML over the size limit, then BAD_REQUEST says the limit', async () => {
    const xml = simple().replace('<endEvent id="e" />', `<endEvent id="e"><documentation>${'x'.repeat(1_100_000)}</documentation></endEvent>`);
    await expect(rt.as(rt.admin).definitions.deploy({ xml })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('1000000 bytes') });
  });

  it('given a worker, then deploying is FORBIDDEN; given nobody, then UNAUTHORIZED', async () => {
    const worker = await rt.user('wendy');
    await expect(rt.as(worker).definitions.deploy({ xml: simple() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rt.as().definitions.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('definitions.deploy limits', () => {
  it('given more than 5 000 flow elements, then BAD_REQUEST says to split the process', async () => {
    const tasks = Array.from({ length: 2_600 }, (_, i) => `<task id="t${i}" /><sequenceFlow id="f${i}" sourceRef="t${i}" targetRef="t${i + 1}" />`).join('');
    const xml = bpmn('huge', `<startEvent id="s" />${tasks}<task id="t2600" />`);
    await expect(rt.as(rt.admin).definitions.deploy({ xml })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('more than 5000 flow elements') });
  });
});

describe('definitions.deploy hostile input', () => {
  it('given two elements with the same id, then BAD_REQUEST names the id', async () => {
    const xml = bpmn('clash', '<startEvent id="dup" /><sequenceFlow id="f" sourceRef="dup" targetRef="t" /><userTask id="dup" />');
    await expect(rt.as(rt.admin).definitions.deploy({ xml })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/dup/) });
  });

  it('given deeply nested XML within the size limit, then it is refused or parsed without taking the runtime down', async () => {
    const depth = 20_000;
    const xml = bpmn('deep', `<startEvent id="s"><documentation>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</documentation></startEvent>`);
    const result = await rt.as(rt.admin).definitions.deploy({ xml }).then(
      () => 'deployed',
      (error: { code?: string }) => error.code,
    );
    expect(['deployed', 'BAD_REQUEST']).toContain(result);
    // the runtime still answers
    expect((await rt.as(rt.admin).definitions.list()).items.length).toBeGreaterThan(0);
  });
});
