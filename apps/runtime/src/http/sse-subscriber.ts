/**
 * One SSE connection of the live event stream. Guarantees:
 * - Coalescing: frames offered in one tick are written with ONE `write`, after the tick (setImmediate)
 *   or, when the socket pushed back, once it drains. Frames are pre-encoded and shared (event-push.ts),
 *   so a flush is one buffer copy, no per-connection serialisation or string encoding.
 * - Order and no gaps: frames go out in the order offered, each with a key (gid or seq) above the last
 *   one sent; anything at or below it (already sent from the store) is skipped.
 * - Bounded memory: at most `maxBufferedBytes` queued here, plus at most one such write held by the
 *   socket (we never write while it needs draining). On overflow the queue is dropped and a
 *   `: resync` comment is sent once the socket drains, followed by what was missed, read from the
 *   store page by page (each page only after the previous one drained). Events are published only after
 *   their commit, so the store always has what the queue had. Clients ignore SSE comments; the ids stay
 *   gap-free, so Last-Event-ID / tracked-id resumption keeps working unchanged.
 */
import type { Writable } from 'node:stream';
import type { RuntimeEvent } from '@baton/shared';

export interface KeyedEvent {
  key: number;
  event: RuntimeEvent;
}

export interface SseSubscriberOptions {
  sink: Writable;
  /** the key the client already has; undefined = start with the first live event (no backlog) */
  after: number | undefined;
  /** role filter: events it refuses are skipped (their key still counts as sent) */
  allow?: (event: RuntimeEvent) => boolean;
  /** events after a key, in key order, at most `pageSize` */
  read: (after: number, limit: number) => Promise<KeyedEvent[]>;
  encode: (key: number, event: RuntimeEvent) => string;
  maxBufferedBytes: number;
  pageSize: number;
  onResync?: () => void;
  onError?: (error: unknown) => void;
}

export const RESYNC_COMMENT = ': resync\n\n';

export class SseSubscriber {
  private frames: Buffer[] = [];
  private lows: number[] = [];
  private highs: number[] = [];
  private queuedBytes = 0;
  private sent: number | undefined;
  private firstOffered: number | undefined;
  /** the store holds events we still owe the client (backlog, or frames dropped on overflow) */
  private owed: boolean;
  private markResync = false;
  private scheduled = false;
  private pumping = false;
  private closed = false;
  resyncs = 0;

  constructor(private readonly o: SseSubscriberOptions) {
    this.sent = o.after;
    this.owed = o.after !== undefined;
    if (this.owed) this.schedule();
  }

  get allow() {
    return this.o.allow;
  }

  /** bytes this connection holds in the runtime: its queue plus what the socket has not taken yet */
  get bufferedBytes() {
    return this.queuedBytes + this.o.sink.writableLength;
  }

  /**
   * Pre-encoded frames (UTF-8, shared by every connection), already filtered by `allow`: one event's
   * frame (low = high = its key) or a whole commit's frames back to back (keys low..high).
   */
  offer(frames: Buffer, low: number, high = low) {
    if (this.closed) return;
    this.firstOffered ??= low;
    if (this.queuedBytes + frames.length > this.o.maxBufferedBytes) return this.overflow();
    this.frames.push(frames);
    this.lows.push(low);
    this.highs.push(high);
    this.queuedBytes += frames.length;
    this.schedule();
  }

  close() {
    this.closed = true;
    this.drop();
  }

  private overflow() {
    this.drop();
    if (!this.owed) {
      this.owed = true;
      this.markResync = true;
      this.resyncs += 1;
      this.o.onResync?.();
    }
    this.schedule();
  }

  private drop() {
    this.frames = [];
    this.lows = [];
    this.highs = [];
    this.queuedBytes = 0;
  }

  private schedule() {
    if (this.scheduled || this.pumping || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.pump();
    });
  }

  /** single-flight: writes queued frames, waits for drains, catches up from the store */
  private async pump() {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    const { sink } = this.o;
    try {
      while (!this.closed && !sink.destroyed && !sink.writableEnded) {
        if (sink.writableNeedDrain) {
          await drained(sink);
          continue;
        }
        if (this.owed) {
          // overflow may set `owed` again while we await the store: the loop then reads on
          this.owed = false;
          this.sent ??= (this.firstOffered ?? 1) - 1;
          let chunk = '';
          if (this.markResync) {
            this.markResync = false;
            chunk = RESYNC_COMMENT;
          }
          const page = await this.o.read(this.sent, this.o.pageSize);
          if (this.closed) return;
          for (const { key, event } of page) {
            if (key <= this.sent) continue;
            this.sent = key;
            if (!this.o.allow || this.o.allow(event)) chunk += this.o.encode(key, event);
          }
          if (chunk) sink.write(chunk);
          if (page.length >= this.o.pageSize) this.owed = true;
          continue;
        }
        if (!this.frames.length) return;
        const { frames, lows, highs } = this;
        this.drop();
        const fresh: Buffer[] = [];
        let bytes = 0;
        for (let i = 0; i < frames.length; i += 1) {
          if (this.sent !== undefined && highs[i] <= this.sent) continue;
          if (this.sent !== undefined && lows[i] <= this.sent) {
            // a commit the store read already covered in part: read the rest from the store too
            this.owed = true;
            break;
          }
          this.sent = highs[i];
          fresh.push(frames[i]);
          bytes += frames[i].length;
        }
        // one copy into one write: no per-connection string building or UTF-8 encoding
        if (fresh.length) sink.write(fresh.length === 1 ? fresh[0] : Buffer.concat(fresh, bytes));
      }
    } catch (error) {
      this.o.onError?.(error);
    } finally {
      this.pumping = false;
    }
  }
}

function drained(sink: Writable) {
  return new Promise<void>((resolve) => {
    const done = () => {
      sink.off('drain', done);
      sink.off('close', done);
      resolve();
    };
    sink.on('drain', done);
    sink.on('close', done);
  });
}
