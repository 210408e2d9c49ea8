/**
 * Replay scrubber over the instance's history: step, play, pause, and back to live. Its position is
 * a count of events; the page redraws everything from that prefix with the shared reducer.
 */
import { useEffect } from 'react';
import type { RuntimeEvent } from '@baton/shared';
import { formatDateTime } from '../../components/monitor/format';

const PLAY_MS = 500;

interface ReplayScrubberProps {
  events: RuntimeEvent[];
  index: number | null;
  playing: boolean;
  onMove: (index: number | null) => void;
  onPlay: (playing: boolean) => void;
}

export function ReplayScrubber({ events, index, playing, onMove, onPlay }: ReplayScrubberProps) {
  const total = events.length;
  const position = index ?? total;
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = position + 1;
      if (next >= total) {
        onMove(null);
        onPlay(false);
      } else onMove(next);
    }, PLAY_MS);
    return () => clearInterval(timer);
  }, [playing, position, total, onMove, onPlay]);
  const current = position > 0 ? events[position - 1] : undefined;
  const move = (n: number) => onMove(n >= total ? null : Math.max(1, n));
  return (
    <div className={`replay ${index !== null ? 'replaying' : ''}`} data-testid="replay">
      <button type="button" title="First event" onClick={() => move(1)} disabled={total === 0} data-testid="replay-first">
        |◀
      </button>
      <button type="button" title="Step back" onClick={() => move(position - 1)} disabled={position <= 1} data-testid="replay-back">
        ◀
      </button>
      <button type="button" title={playing ? 'Pause' : 'Play'} onClick={() => {
        if (!playing && index === null) onMove(1);
        onPlay(!playing);
      }} disabled={total === 0} data-testid="replay-play">
        {playing ? '⏸' : '▶'}
      </button>
      <button type="button" title="Step forward" onClick={() => move(position + 1)} disabled={index === null} data-testid="replay-forward">
        ▶|
      </button>
      <input
        type="range"
        min={1}
        max={Math.max(1, total)}
        value={Math.max(1, position)}
        onChange={(e) => move(Number(e.target.value))}
        aria-label="Replay position"
        data-testid="replay-range"
      />
      <span className="position" data-testid="replay-position">
        {index === null ? `live · ${total} events` : `event ${position} of ${total}${current ? ` · ${current.type} · ${formatDateTime(current.at)}` : ''}`}
      </span>
      <button type="button" onClick={() => { onPlay(false); onMove(null); }} disabled={index === null} data-testid="replay-live">
        Live
      </button>
    </div>
  );
}
