import { describe, expect, it } from 'vitest';
import { initials, isOverdue, relativeTime } from './format';

describe('inbox formatting', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  it('says how long ago a task was created', () => {
    expect(relativeTime('2030-01-01T11:57:00Z', now)).toBe('3 min. ago');
    expect(relativeTime('2030-01-01T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2029-12-30T12:00:00Z', now)).toBe('2 days ago');
  });
  it('marks open tasks past their due date as overdue', () => {
    expect(isOverdue({ dueAt: '2030-01-01T11:00:00Z', status: 'open' }, now)).toBe(true);
    expect(isOverdue({ dueAt: '2030-01-01T11:00:00Z', status: 'completed' }, now)).toBe(false);
    expect(isOverdue({ dueAt: null, status: 'open' }, now)).toBe(false);
  });
  it('makes initials from names and usernames', () => {
    expect(initials('Rita Meyer')).toBe('RM');
    expect(initials('rita.meyer')).toBe('RM');
    expect(initials('sam')).toBe('SA');
  });
});
