import { describe, expect, it } from 'vitest';
import { filtersFromSearch, parseCondition, searchFromFilters } from './instance-filters';

describe('instance list filters in the URL', () => {
  it('round-trips every filter', () => {
    const search = new URLSearchParams('status=running&key=order&version=2&businessKey=B-1&from=2030-01-01T00:00:00.000Z&incident=yes&var=gt:amount:1000&var=contains:customer:acme:corp&element=review');
    const filters = filtersFromSearch(search);
    expect(filters).toEqual({
      status: 'running',
      key: 'order',
      version: 2,
      businessKey: 'B-1',
      startedAfter: '2030-01-01T00:00:00.000Z',
      hasIncident: true,
      variables: [
        { name: 'amount', op: 'gt', value: 1000 },
        { name: 'customer', op: 'contains', value: 'acme:corp' },
      ],
      elementId: 'review',
    });
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
  });

  it('ignores what it cannot read instead of failing', () => {
    expect(filtersFromSearch(new URLSearchParams('status=sleeping&version=x&var=broken&from=yesterday'))).toEqual({});
    expect(parseCondition('eq:vip:true')).toEqual({ name: 'vip', op: 'eq', value: true });
    expect(parseCondition('like:a:1')).toBeUndefined();
  });
});
