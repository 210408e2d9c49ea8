import { Api } from './lib/runtime.mjs';
const m = await new Api('http://127.0.0.1:46529').login('member', 'member-password');
for (const q of [{ queue: 'groups', processKey: 'bench_inbox', dueBefore: '2030-03-03T00:00:00.000Z', sort: 'due', order: 'asc', limit: 50 }, { queue: 'groups', sort: 'due', limit: 50 }]) {
  for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await m.query('tasks.list', q); console.log((performance.now() - t).toFixed(0), 'ms', r.items.length); }
}
let t = performance.now(); await m.query('auth.me'); console.log('me', (performance.now() - t).toFixed(0));
t = performance.now(); await m.query('tasks.counts'); console.log('counts', (performance.now() - t).toFixed(0));
m.close();
