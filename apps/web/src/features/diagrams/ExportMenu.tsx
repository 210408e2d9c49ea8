import { useState } from 'react';

interface ExportMenuProps {
  onExport: (format: 'bpmn' | 'svg' | 'png') => void;
}

export function ExportMenu({ onExport }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const choose = (f: 'bpmn' | 'svg' | 'png') => {
    setOpen(false);
    onExport(f);
  };
  return (
    <div
      className="menu"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
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
