/** Import a .bpmn file: check it, lay it out when it has no DI, save it as a new Diagram, open it. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, useTRPC } from '../../trpc/trpc';

export function useDiagramImport() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.diagrams.save.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function importFile(file: File) {
    setError(null);
    setBusy(true);
    try {
      if (!/\.(bpmn|xml|bpmn2)$/i.test(file.name)) {
        setError(`${file.name} is not a .bpmn file. Choose a BPMN 2.0 XML file.`);
        return;
      }
      const text = await file.text();
      const { prepareImport } = await import('../../modeler/prepare-import');
      const prepared = await prepareImport(text, file.name);
      if (!prepared.ok) {
        setError(prepared.error);
        return;
      }
      const saved = await save.mutateAsync({ name: prepared.name, xml: prepared.xml });
      await queryClient.invalidateQueries({ queryKey: trpc.diagrams.list.queryKey() });
      const notice = prepared.laidOut
        ? `${file.name} had no diagram layout; Baton laid it out automatically. Check the result and save.`
        : null;
      void navigate(`/diagrams/${saved.id}`, { state: { notice } });
    } catch (e) {
      setError(`${file.name} could not be imported: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return { importFile, error, busy, clearError: () => setError(null) };
}
