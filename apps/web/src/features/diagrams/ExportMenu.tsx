import { useEffect, useRef, useState } from 'react';

interface ExportMenuProps {
  onExport: (format: 'bpmn' | 'svg' | 'png') => void;
}

/** "Export ▾" menu; closes on a click outside or Escape (not on blur, which races the item's click). */
export function ExportMenu({ onExport }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const choose = (f: 'bpmn' | 'svg' | 'png') => {
    setOpen(false);
    onExport(f);
  };
  return (
    <div className="menu" ref={root}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export ▾
      </button>
      {open && (
        <div className="menu-list" role="menu">
          <button type="button" role="menuitem" onClick={() => choose('bpmn')}>
            BPMN XML (.bpmn)
          </button>
          <button type="button" role="menuitem" onClick={() => choose('svg')}>
            Image (SVG)
          </button>
          <button type="button" role="menuitem" onClick={() => choose('png')}>
            Image (PNG)
          </button>
        </div>
      )}
    </div>
  );
}
