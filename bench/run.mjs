/**
 * `npm run bench [-- --quick] [-- --only 1,2,6]`: runs the benchmarks in order, prints each table and a
 * final summary, writes bench/results/latest.json. Not a test: nothing here fails a build; a missed
 * target is printed as MISSED with its figure. `--quick` is a smoke run of a few seconds each.
 */
import path from 'node:path';
import { log, parseArgs, printTable, writeResults } from './lib/report.mjs';
import { prepareSnapshot } from './lib/runtime.mjs';

const BENCHMARKS = [
  ['1', './01-straight-through.mjs'],
  ['2', './02-user-task-cycle.mjs'],
  ['6', './06-restart.mjs'],
  ['5', './05-live-latency.mjs'],
  ['4', './04-jobs.mjs'],
  ['3', './03-both-cores.mjs'],
  ['7', './07-inbox-at-scale.mjs'],
  ['9', './09-deploy.mjs'],
  ['8', './08-modeler.mjs'],
];

const args = parseArgs();
if (args.help) {
  console.log('usage: npm run bench [-- --quick] [-- --only 1,2,...] [-- --out file.json]\n       npm run bench:soak [-- --minutes 60]');
  process.exit(0);
}
const startedAt = new Date().toISOString();
const began = performance.now();
prepareSnapshot();
const all = [];
for (const [id, file] of BENCHMARKS) {
  if (args.only && !args.only.includes(id)) continue;
  let mod;
  try {
    mod = await import(file);
  } catch (error) {
    if (error.code === 'ERR_MODULE_NOT_FOUND' && error.message.includes(path.basename(file))) continue; // not written yet
    throw error;
  }
  const t0 = performance.now();
  log(`${id}. ${mod.meta.title}${args.quick ? ' (quick)' : ''}`);
  let rows;
  try {
    rows = await mod.run(args);
  } catch (error) {
    rows = [{ bench: id, metric: mod.meta.title, value: `ERROR: ${error.message.split('\n')[0].slice(0, 200)}`, pass: false, note: error.stack?.split('\n').slice(0, 4).join(' | ') }];
  }
  const seconds = (performance.now() - t0) / 1000;
  printTable(rows, `${id}. ${mod.meta.title} — ${seconds.toFixed(0)} s`);
  all.push(...rows);
}
printTable(all, `Summary${args.quick ? ' (quick)' : ''} — ${((performance.now() - began) / 1000).toFixed(0)} s`);
const missed = all.filter((r) => r.pass === false);
console.log(missed.length ? `\n${missed.length} target(s) MISSED: ${missed.map((r) => `[${r.bench}] ${r.metric} = ${r.value}`).join('; ')}` : '\nall judged targets met');
const file = writeResults(all, { quick: args.quick, startedAt, file: args.out });
console.log(`results: ${path.relative(process.cwd(), file)}`);
process.exit(0);
