/**
 * React facade over LiveViewer: imports `xml` once per change, then redraws the overlays whenever
 * `live` or `heat` change. Clicks report element ids; `selectedId` highlights one element.
 */
import { useEffect, useRef, useState } from 'react';
import { LiveViewer, type DiagramElementInfo } from './live-viewer';
import type { LiveState } from './features/live-overlay/live-state';

export type { LiveState, ElementBadges } from './features/live-overlay/live-state';
export type { DiagramElementInfo } from './live-viewer';
export { liveStateOfView, liveStateOfStats, decisionLabel } from './features/live-overlay/from-view';
export { waitLabel, formatTime } from './features/live-overlay/wait-label';

interface LiveDiagramProps {
  xml: string | undefined;
  live?: LiveState;
  heat?: { values: Record<string, number>; format: (value: number, id: string) => string; colourOf?: (id: string, value: number) => string } | null;
  selectedId?: string | null;
  onSelect?: (id: string | null) => void;
  /** a link badge was clicked (in-app path, e.g. /instances/<child>) */
  onNavigate?: (href: string) => void;
  /** called after each import with the diagram's elements */
  onElements?: (elements: DiagramElementInfo[]) => void;
  className?: string;
}

export function LiveDiagram({ xml, live, heat, selectedId, onSelect, onNavigate, onElements, className }: LiveDiagramProps) {
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<LiveViewer | null>(null);
  const [imported, setImported] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const onElementsRef = useRef(onElements);
  onElementsRef.current = onElements;
  const onNavigateRef = useRef(onNavigate);
  onNavigateRef.current = onNavigate;

  useEffect(() => {
    const v = new LiveViewer(container.current!);
    viewer.current = v;
    const off = v.onElementClick((id) => onSelectRef.current?.(id));
    const offLink = v.onLink((href) => onNavigateRef.current?.(href));
    // the page settles its layout after data arrives: keep the diagram fitted to the box it gets
    const observer = new ResizeObserver(() => v.fit());
    observer.observe(container.current!);
    return () => {
      observer.disconnect();
      off();
      offLink();
      v.destroy();
      viewer.current = null;
    };
  }, []);

  useEffect(() => {
    if (!xml || !viewer.current) return;
    let cancelled = false;
    const v = viewer.current;
    v.importXml(xml)
      .then(() => {
        if (cancelled) return;
        setError(null);
        onElementsRef.current?.(v.elements());
        setImported((n) => n + 1);
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [xml]);

  useEffect(() => {
    if (imported && live) viewer.current?.showLive(live);
  }, [imported, live]);

  useEffect(() => {
    if (!imported || !viewer.current) return;
    if (heat) viewer.current.showHeat(heat.values, heat.format, heat.colourOf);
    else viewer.current.clearHeat();
  }, [imported, heat]);

  useEffect(() => {
    if (imported) viewer.current?.select(selectedId ?? null);
  }, [imported, selectedId]);

  return (
    <div className={`baton-live-canvas ${className ?? ''}`} data-testid="live-diagram" data-imported={imported}>
      <div ref={container} style={{ position: 'absolute', inset: 0 }} />
      {error && <div className="alert error" style={{ position: 'absolute', top: 8, left: 8, right: 8 }}>{error}</div>}
    </div>
  );
}
