import { describe, expect, it } from 'vitest';
import { formatTable, shortTime } from './table.js';

describe('formatTable', () => {
  it('given rows, then columns are aligned under capital headers and empty cells show a dash', () => {
    const text = formatTable(
      [
        { id: 'a1', name: 'Check invoice', who: null },
        { id: 'b22222', name: 'Pay', who: 'mary' },
      ],
      [
        { header: 'ID', value: (r) => r.id },
        { header: 'NAME', value: (r) => r.name },
        { header: 'ASSIGNEE', value: (r) => r.who },
      ],
    );
    expect(text).toBe(['ID      NAME           ASSIGNEE', 'a1      Check invoice  -', 'b22222  Pay            mary', ''].join('\n'));
  });

  it('given a long cell, then it is cut with an ellipsis; given no rows, then the empty text', () => {
    expect(formatTable([{ m: 'x'.repeat(20) }], [{ header: 'M', value: (r) => r.m, max: 5 }])).toBe('M\nxxxx…\n');
    expect(formatTable([], [{ header: 'M', value: () => 1 }], '(no tasks)')).toBe('(no tasks)\n');
  });

  it('shortTime shows an ISO time to the second', () => {
    expect(shortTime('2026-11-28T07:30:12.345Z')).toBe('2026-11-28 07:30:12');
    expect(shortTime(null)).toBe('-');
  });
});
