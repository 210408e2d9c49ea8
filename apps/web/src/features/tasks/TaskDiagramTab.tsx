import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { mountTaskDiagram } from '../../modeler/features/task-diagram/task-diagram';
import { errorMessage, useTRPC } from '../../trpc/trpc';

/** The process diagram with this task's element highlighted (read-only, pan and zoom). */
export function TaskDiagramTab({ definitionId, elementId }: { definitionId: string; elementId: string }) {
  const trpc = useTRPC();
  const definition = useQuery(trpc.definitions.get.queryOptions({ id: definitionId }, { staleTime: Infinity }));
  const ref = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const xml = definition.data?.xml;
  useEffect(() => {
    if (!xml || !ref.current) return;
    let handle: { destroy(): void } | undefined;
    let cancelled = false;
    mountTaskDiagram(ref.current, xml, elementId)
      .then((h) => (cancelled ? h.destroy() : (handle = h)))
      .catch((e: unknown) => setProblem(`The diagram could not be shown: ${errorMessage(e)}`));
    return () => {
      cancelled = true;
      handle?.destroy();
    };
  }, [xml, elementId]);
  if (definition.isError) return <p className="alert error">{errorMessage(definition.error)}</p>;
  return (
    <>
      {problem && <p className="alert error">{problem}</p>}
      <div className="task-diagram" ref={ref} data-testid="task-diagram" aria-label="Process diagram" role="img" />
    </>
  );
}
