/**
 * Statistics for benchmarks on a shared, noisy machine: every figure is a ratio against a baseline
 * measured in the same run, reported as the median of several blocks with the min–max across blocks.
 */

export function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/** nearest-rank percentile (p in 0..100) */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const s = sorted(values);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank];
}

export function median(values) {
  if (!values.length) return NaN;
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** { median, min, max, values } of block results */
export function summary(values) {
  const s = sorted(values);
  return { median: median(s), min: s[0], max: s[s.length - 1], values };
}

/**
 * Runs baseline and candidate blocks alternately (b, c, b, c, ...), so drift in the machine's load hits
 * both alike. Each function returns one number per block (e.g. instances/s). The ratio of each pair is
 * candidate / baseline; the headline is the median pair ratio with the min–max of the pair ratios.
 */
export async function alternate({ blocks, baseline, candidate, onBlock }) {
  const base = [];
  const cand = [];
  const ratios = [];
  for (let i = 0; i < blocks; i += 1) {
    const b = await baseline(i);
    const c = await candidate(i);
    base.push(b);
    cand.push(c);
    ratios.push(b > 0 ? c / b : NaN);
    onBlock?.(i, b, c);
  }
  return { baseline: summary(base), candidate: summary(cand), ratio: summary(ratios.filter((r) => Number.isFinite(r))) };
}

/**
 * A closed loop: `width` workers each run `iteration()` back to back. The measurement window opens
 * after `rampMs` (so every worker is in flight: steady state) and lasts `ms`; only iterations that
 * finish inside the window count. Returns { rate (per second), done (in the window), total (all
 * iterations, for CPU per iteration), errors }.
 */
export async function closedLoop({ width, ms, iteration, rampMs = Math.min(1000, ms / 4) }) {
  const t0 = performance.now();
  const open = t0 + rampMs;
  const close = open + ms;
  let done = 0;
  let total = 0;
  let errors = 0;
  let firstError;
  await Promise.all(
    Array.from({ length: width }, async (_, worker) => {
      while (performance.now() < close) {
        try {
          await iteration(worker);
          total += 1;
          const now = performance.now();
          if (now >= open && now <= close) done += 1;
        } catch (error) {
          errors += 1;
          firstError ??= error;
          if (errors > 1000) throw error;
        }
      }
    }),
  );
  return { rate: (done * 1000) / ms, done, total, errors, firstError };
}

/**
 * An open loop at a fixed arrival rate (per second) for `ms`: starts `iteration()` on schedule whatever
 * the latency (so queueing shows up in latencies). In-flight iterations are capped by `maxInFlight`.
 */
export async function openLoop({ rate, ms, iteration, maxInFlight = 256 }) {
  const start = performance.now();
  const interval = 1000 / rate;
  let scheduled = 0;
  let done = 0;
  let errors = 0;
  let skipped = 0;
  let inFlight = 0;
  const pending = new Set();
  let firstError;
  while (performance.now() - start < ms) {
    const due = start + scheduled * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    scheduled += 1;
    if (inFlight >= maxInFlight) {
      skipped += 1;
      continue;
    }
    inFlight += 1;
    const p = iteration()
      .then(() => (done += 1))
      .catch((error) => {
        errors += 1;
        firstError ??= error;
      })
      .finally(() => {
        inFlight -= 1;
        pending.delete(p);
      });
    pending.add(p);
  }
  await Promise.all(pending);
  return { scheduled, done, errors, skipped, firstError, elapsed: performance.now() - start };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function fmt(n, digits = 1) {
  if (n === undefined || n === null || Number.isNaN(n)) return '—';
  if (typeof n !== 'number') return String(n);
  if (Math.abs(n) >= 1000) return n.toFixed(0);
  return n.toFixed(digits);
}

export function fmtRange(s, digits = 1, unit = '') {
  return `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}
