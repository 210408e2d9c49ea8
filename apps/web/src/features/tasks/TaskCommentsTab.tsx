import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime, initials, relativeTime } from '../../components/inbox/format';
import { errorMessage, useTRPC } from '../../trpc/trpc';

/** The task's comments, oldest first, and a box to add one. */
export function TaskCommentsTab({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const comments = useQuery(trpc.tasks.comments.queryOptions({ id: taskId }));
  const [message, setMessage] = useState('');
  const add = useMutation(
    trpc.tasks.comment.mutationOptions({
      onSuccess: () => {
        setMessage('');
        void queryClient.invalidateQueries(trpc.tasks.pathFilter());
      },
    }),
  );
  return (
    <div className="task-comments">
      {comments.isError && <p className="alert error">{errorMessage(comments.error)}</p>}
      {comments.data && comments.data.items.length === 0 && <p className="muted">No comments yet. Ask a question or leave a note for whoever works on this next.</p>}
      <ul aria-label="Comments">
        {comments.data?.items.map((c) => (
          <li key={c.id} className="comment">
            <span className="avatar" aria-hidden="true">
              {initials(c.author ?? '?')}
            </span>
            <div>
              <div>
                <strong>{c.author}</strong>{' '}
                <time className="muted" dateTime={c.at} title={formatDateTime(c.at)}>
                  {relativeTime(c.at)}
                </time>
              </div>
              <p>{c.message}</p>
            </div>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (message.trim()) add.mutate({ id: taskId, message });
        }}
      >
        <label>
          Comment
          <textarea rows={3} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={5000} />
        </label>
        {add.isError && (
          <p className="alert error" role="alert">
            {errorMessage(add.error)}
          </p>
        )}
        <div className="toolbar">
          <button type="submit" disabled={!message.trim() || add.isPending}>
            Add comment
          </button>
        </div>
      </form>
    </div>
  );
}
