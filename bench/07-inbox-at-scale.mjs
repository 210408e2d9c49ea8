/**
 * 7. Inbox at scale: 100 000 open tasks (--quick 5 000; --instances n) over 200 candidate groups, each
 * with its own due date. A member of one group (worker role) lists their inbox: queue "groups",
 * filtered (process key + due before) and sorted by due date, first page and the next page by cursor.
 * p95 target < 50 ms; baseline in the same run = the p95 of an authenticated `auth.me` round trip,
 * interleaved with the list calls. Seeding: one template instance through the API, cloned in the file.
 */
import { groupTask } from './lib/bpmn.mjs';
import { log, standalone } from './lib/report.mjs';
import { cloneInstances } from './lib/seed.mjs';
import { Api, session, startRuntime } from './lib/runtime.mjs';
import { fmt, percentile, sleep } from './lib/stats.mjs';

export const meta = { id: '7', title: 'Inbox at scale (tasks.list for a group member)' };

const GROUPS = 200;
const TEMPLATE_GROUP = 'benchgrouptemplate';
const TEMPLATE_DUE = '2031-06-15T12:00:00.000Z';

export async function run({ quick, instances }) {
  const n = instances ?? (quick ? 5000 : 100_000);
  const samples = quick ? 40 : 200;
  const budgetMs = quick ? 10_000 : 30_000; // the sampling loop stops after this, however slow the queries
  const s = await session({ db: 'sqlite', label: 'inbox' });
  try {
    await s.api.mutation('definitions.deploy', { xml: groupTask() });
    const { id } = await s.api.mutation('instances.start', { key: 'bench_inbox', variables: { group: TEMPLATE_GROUP, due: TEMPLATE_DUE } });
    const [task] = (await s.api.query('tasks.list', { instanceId: id })).items;
    if (!task?.candidateGroups?.includes(TEMPLATE_GROUP) || !task.dueAt) throw new Error(`template task lacks group or due date: ${JSON.stringify(task)}`);
    const storedDue = task.dueAt;
    await s.api.mutation('users.create', { username: 'member', password: 'member-password', groups: ['g17'], roles: ['worker'] });
    await s.rt.kill('SIGKILL');
    const t0 = performance.now();
    const base = Date.parse('2030-01-01T00:00:00.000Z');
    cloneInstances(s.dataDir, [
      {
        id,
        count: n - 1,
        subs: (k) => {
          const due = new Date(base + ((k * 7919) % n) * 60_000).toISOString();
          return [[TEMPLATE_GROUP, `g${k % GROUPS}`], [TEMPLATE_DUE, due], ...(storedDue !== TEMPLATE_DUE ? [[storedDue, due]] : [])];
        },
      },
    ]);
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`seeded ${n} open tasks over ${GROUPS} groups in ${fmt(seedSeconds)} s`);
    s.rt = await startRuntime(s.env);
    const admin = await new Api(s.rt.url).login();
    const member = await new Api(s.rt.url).login('member', 'member-password');
    const counts = await member.query('tasks.counts');
    const dueBefore = new Date(base + n * 60_000 * 0.75).toISOString();
    const first = { queue: 'groups', processKey: 'bench_inbox', dueBefore, sort: 'due', order: 'asc', limit: quick ? 10 : 50 };
    // warm-up and sanity
    const page1 = await member.query('tasks.list', first);
    if (!page1.items.length) throw new Error('the member sees no tasks');
    // pages 1 and 2 together: in (due, id) order and no task twice, so the cursor continues where page 1 ended
    const page2 = page1.nextCursor ? await member.query('tasks.list', { ...first, cursor: page1.nextCursor }) : { items: [] };
    const both = [...page1.items, ...page2.items];
    const sortedOk = both.every((t, i, a) => i === 0 || `${a[i - 1].dueAt ?? ''} ${a[i - 1].id}` < `${t.dueAt ?? ''} ${t.id}`) && new Set(both.map((t) => t.id)).size === both.length;
    const lat = { me: [], first: [], next: [], unfiltered: [] };
    const time = async (k, fn) => {
      const t = performance.now();
      const r = await fn();
      lat[k].push(performance.now() - t);
      return r;
    };
    const until = performance.now() + budgetMs;
    for (let i = 0; i < samples && performance.now() < until; i += 1) {
      await time('me', () => member.query('auth.me'));
      const p = await time('first', () => member.query('tasks.list', first));
      if (p.nextCursor) await time('next', () => member.query('tasks.list', { ...first, cursor: p.nextCursor }));
      await time('unfiltered', () => member.query('tasks.list', { queue: 'groups', sort: 'due', limit: 50 }));
      if (i % 50 === 49) await sleep(10);
    }
    admin.close();
    member.close();
    const p95 = (k) => percentile(lat[k], 95);
    const row = (k, label) => (!lat[k].length ? { bench: '7', metric: `tasks.list p95, ${label}`, value: 'no such page', pass: null } : {
      bench: '7',
      metric: `tasks.list p95, ${label} (${n} open tasks, ${GROUPS} groups)`,
      baseline: `${fmt(p95('me'))} ms auth.me p95`,
      value: `${fmt(p95(k))} ms (p50 ${fmt(percentile(lat[k], 50))})`,
      ratio: { median: p95(k) / p95('me'), min: p95(k) / p95('me'), max: p95(k) / p95('me') },
      target: '< 50 ms (absolute)',
      pass: p95(k) < 50,
      data: { samples: lat[k].length },
    });
    return [
      { ...row('first', 'group member, filtered + sorted by due, page 1'), note: `member sees ${JSON.stringify(counts)}; pages 1–2 in due order without repeats: ${sortedOk}; ${lat.first.length} samples (max ${samples}, ${budgetMs / 1000} s budget); seeding took ${fmt(seedSeconds)} s` },
      row('next', 'same query, page 2 by cursor'),
      row('unfiltered', 'group queue sorted by due, no filter'),
    ];
  } finally {
    await s.cleanup();
  }
}

await standalone(import.meta.url, { meta, run });
