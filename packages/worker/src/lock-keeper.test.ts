import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LockKeeper } from './lock-keeper.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const conflict = () => new TRPCClientError('job is locked by someone else', { result: { error: { message: 'x', code: -32009, data: { code: 'CONFLICT' } } } as never });

describe('LockKeeper', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('given a 3 s lock, then it extends at 2 s, and every 2 s after each extension', async () => {
    const calls: number[] = [];
    const keeper = new LockKeeper({ jobId: 'j', lockDurationMs: 3_000, lockedAt: 0, extendAt: 2 / 3, logger: silent, onLost: () => {}, extend: async (ms) => void calls.push(Date.now(), ms) });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([2_000, 3_000]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toEqual([2_000, 3_000, 4_000, 3_000]);
    keeper.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(4);
  });

  it('given a network failure, then it retries before the lock runs out; given CONFLICT, then it reports the lock lost and stops', async () => {
    let n = 0;
    const lost: string[] = [];
    new LockKeeper({
      jobId: 'j',
      lockDurationMs: 3_000,
      lockedAt: 0,
      extendAt: 2 / 3,
      logger: silent,
      onLost: (reason) => lost.push(reason),
      extend: async () => {
        n += 1;
        if (n === 1) throw new TypeError('fetch failed');
        throw conflict();
      },
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(n).toBe(1);
    await vi.advanceTimersByTimeAsync(500); // half of the 1 s left
    expect(n).toBe(2);
    expect(lost).toEqual(['job is locked by someone else']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(n).toBe(2);
  });

  it('given a manual extension, then the next automatic one keeps its duration', async () => {
    const calls: number[] = [];
    const keeper = new LockKeeper({ jobId: 'j', lockDurationMs: 3_000, lockedAt: 0, extendAt: 0.5, logger: silent, onLost: () => {}, extend: async (ms) => void calls.push(Date.now(), ms) });
    await vi.advanceTimersByTimeAsync(1_000);
    keeper.renewed(10_000, Date.now());
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([6_000, 10_000]);
    keeper.stop();
  });
});
