/** The per-item outcome of a bulk command: what succeeded, what failed and why. */
import type { BulkResult } from '@baton/shared';
import { Link } from 'react-router';
import { Dialog } from '../../components/Dialog';

export function BulkResultDialog({ title, result, onClose }: { title: string; result: BulkResult | null; onClose: () => void }) {
  return (
    <Dialog open={!!result} title={title} onClose={onClose}>
      <div className="dialog-body" data-testid="bulk-result">
        <h2>{title}</h2>
        {result && (
          <>
            <p>
              {result.succeeded} succeeded, {result.failed} failed.
            </p>
            <ul className="bulk-results">
              {result.results.map((r) => (
                <li key={r.id} className={r.ok ? 'ok' : 'failed'}>
                  <Link to={`/instances/${r.id}`} className="mono">{r.id.slice(0, 8)}</Link> — {r.ok ? (r.detail ?? 'done') : r.error}
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
