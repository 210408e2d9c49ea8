/**
 * Rows, tables and results files. A row is one figure:
 * { bench, metric, baseline: string, value: string, ratio: {median,min,max} | null, target: string,
 *   pass: true | false | null (null = informational / not judged), note? , data? }
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './stats.mjs';
import { ROOT, gitCommit } from './runtime.mjs';

export function parseArgs(argv = process.argv.slice(2)) {
  const args = { quick: false, only: null, minutes: null, out: null, keep: false };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--only') args.only = argv[++i].split(',');
    else if (a.startsWith('--only=')) args.only = a.slice(7).split(',');
    else if (a === '--minutes') args.minutes = Number(argv[++i]);
    else if (a.startsWith('--minutes=')) args.minutes = Number(a.slice(10));
    else if (a === '--out') args.out = argv[++i];
    else if (a === '--instances') args.instances = Number(argv[++i]);
    else if (a.startsWith('--instances=')) args.instances = Number(a.slice(12));
    else if (a === '--help' || a === '-h') args.help = true;
  }
  return args;
}

export function ratioText(r, digits = 2) {
  if (!r) return '—';
  if (r.min === r.max) return fmt(r.median, digits);
  return `${fmt(r.median, digits)} (${fmt(r.min, digits)}–${fmt(r.max, digits)})`;
}

function verdict(row) {
  if (row.pass === true) return 'ok';
  if (row.pass === false) return 'MISSED';
  return 'info';
}

export function printTable(rows, title) {
  if (title) console.log(`\n=== ${title} ===`);
  const header = ['#', 'metric', 'baseline', 'value', 'ratio (min–max)', 'target', ''];
  const lines = rows.map((r) => [r.bench, r.metric, r.baseline ?? '—', r.value ?? '—', ratioText(r.ratio), r.target ?? '—', verdict(r)]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...lines.map((l) => String(l[i]).length))));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(line(l));
  for (const r of rows) if (r.note) console.log(`  [${r.bench}] ${r.metric}: ${r.note}`);
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

export function writeResults(rows, { quick, file, startedAt, extra = {} }) {
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const payload = {
    startedAt,
    finishedAt: new Date().toISOString(),
    quick,
    commit: gitCommit(),
    machine: machine(),
    ...extra,
    rows: rows.map(({ data, ...r }) => ({ ...r, ...(data ? { data } : {}) })),
  };
  const target = file ?? path.join(dir, 'latest.json');
  writeFileSync(target, `${JSON.stringify(payload, null, 2)}\n`);
  return target;
}

/** `node bench/NN-x.mjs [--quick]`: run one benchmark on its own, print and write results */
export async function standalone(metaUrl, bench) {
  if (path.resolve(process.argv[1] ?? '') !== fileURLToPath(metaUrl)) return;
  const args = parseArgs();
  const startedAt = new Date().toISOString();
  const rows = await bench.run(args);
  printTable(rows, `${bench.meta.id}. ${bench.meta.title}${args.quick ? ' (quick)' : ''}`);
  const file = writeResults(rows, { quick: args.quick, startedAt, file: args.out });
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
  process.exit(0);
}

export function log(...parts) {
  process.stderr.write(`  · ${parts.join(' ')}\n`);
}
