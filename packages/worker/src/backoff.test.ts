import { describe, expect, it } from 'vitest';
import { backoffMs, exponentialBackoff } from './backoff.js';

const job = { id: 'j', topic: 't', instanceId: 'i', elementId: 'e', variables: {}, retries: null, lockExpiresAt: null, workerId: null };

describe('backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const b = exponentialBackoff({ initialMs: 100, maxMs: 500 });
    expect([1, 2, 3, 4, 5].map(b)).toEqual([100, 200, 400, 500, 500]);
  });

  it('given a number or a function, then the delay is a whole, bounded number of ms', () => {
    expect(backoffMs(250, 3, job, undefined)).toBe(250);
    expect(backoffMs((attempt) => attempt * 10.4, 2, job, undefined)).toBe(21);
    expect(backoffMs(-5, 1, job, undefined)).toBe(0);
    expect(backoffMs(() => Number.NaN, 1, job, undefined)).toBe(0);
    expect(backoffMs(1e12, 1, job, undefined)).toBe(86_400_000);
  });
});
