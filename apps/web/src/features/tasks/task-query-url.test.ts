import { describe, expect, it } from 'vitest';
import { activeFilterCount, queryFromSearch, searchFromQuery } from './task-query-url';

describe('task query in the URL', () => {
  it('given a full query, when written to the URL and read back, then nothing is lost', () => {
    const query = {
      queue: 'groups' as const,
      processKey: 'invoice',
      taskName: 'review',
      businessKey: 'INV-1',
      candidateGroup: 'reviewers',
      dueBefore: '2030-01-01',
      overdue: true,
      priorityMin: 50,
      sort: 'due' as const,
      order: 'asc' as const,
      variables: [
        { op: 'gt' as const, name: 'amount', value: '1000' },
        { op: 'contains' as const, name: 'note', value: 'a:b' },
      ],
    };
    expect(queryFromSearch(searchFromQuery(query))).toEqual(query);
    expect(activeFilterCount(query)).toBe(9);
  });

  it('given no params, then the queue is "mine"; given junk, then it is ignored', () => {
    expect(queryFromSearch(new URLSearchParams())).toEqual({ queue: 'mine' });
    expect(queryFromSearch(new URLSearchParams('queue=nope&sort=sideways&priorityMin=x&var=bad&var=eq::1'))).toEqual({ queue: 'mine' });
    expect(searchFromQuery({ queue: 'mine' }).toString()).toBe('');
  });
});
