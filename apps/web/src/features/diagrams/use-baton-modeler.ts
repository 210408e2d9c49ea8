/** Mounts one BatonModeler per editor screen and mirrors its state (dirty, problems, selection) into React. */
import { useEffect, useRef, useState } from 'react';
import { BatonModeler, type SelectedElement } from '../../modeler/baton-modeler';
import type { Problem } from '../../modeler/features/lint/problems';

export function useBatonModeler() {
  const canvasRef = useRef<HTMLDivElement>(null);
  const propertiesRef = useRef<HTMLDivElement>(null);
  const [modeler, setModeler] = useState<BatonModeler | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [selected, setSelected] = useState<SelectedElement | null>(null);
  const [changeCount, setChangeCount] = useState(0);

  useEffect(() => {
    if (!canvasRef.current || !propertiesRef.current) return;
    const m = new BatonModeler(canvasRef.current, propertiesRef.current);
    const offs = [
      m.onChange(() => {
        setDirty(true);
        setChangeCount((n) => n + 1);
      }),
      m.onProblems(setProblems),
      m.onSelection(setSelected),
    ];
    setModeler(m);
    return () => {
      offs.forEach((off) => off());
      m.destroy();
      setModeler(null);
    };
  }, []);

  return { canvasRef, propertiesRef, modeler, dirty, setDirty, problems, selected, changeCount };
}
