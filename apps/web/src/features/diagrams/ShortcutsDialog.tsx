import { Dialog } from '../../components/Dialog';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const SHORTCUTS: Array<[string, string]> = [
  [`${MOD}+S`, 'Save'],
  [`${MOD}+Z`, 'Undo'],
  [`${MOD}+Y / ${MOD}+Shift+Z`, 'Redo'],
  [`${MOD}+C / ${MOD}+V / ${MOD}+X`, 'Copy / paste / cut'],
  [`${MOD}+D`, 'Duplicate'],
  [`${MOD}+A`, 'Select all'],
  [`${MOD}+F`, 'Find element'],
  [`${MOD}+ + / ${MOD}+ - / ${MOD}+0`, 'Zoom in / out / reset'],
  ['Delete / Backspace', 'Remove selection'],
  ['S', 'Space tool'],
  ['L', 'Lasso tool'],
  ['H', 'Hand tool'],
  ['C', 'Global connect tool'],
  ['E', 'Edit label'],
  ['R', 'Replace element'],
  ['A', 'Append anything'],
  ['N', 'Create anything'],
  ['Shift+Enter', 'Line break in a label'],
  ['Arrow keys', 'Move selection (Shift: faster)'],
  ['?', 'This list'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <p className="muted">Canvas shortcuts work when the diagram has focus (click on the canvas).</p>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
