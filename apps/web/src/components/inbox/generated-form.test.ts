import { describe, expect, it } from 'vitest';
import type { FormField } from '@baton/shared';
import { initialValues, submittedValues, validateValues } from './generated-form';

const fields: FormField[] = [
  { id: 'approved', label: 'Approved', type: 'boolean', required: true },
  { id: 'amount', label: 'Amount', type: 'long', required: true, defaultValue: '100' },
  { id: 'decision', label: 'Decision', type: 'enum', required: false, values: [{ id: 'pay', name: 'Pay' }] },
  { id: 'paidOn', label: 'Paid on', type: 'date', required: false },
  { id: 'note', label: 'Note', type: 'string', required: true },
];

describe('generated form', () => {
  it('prefills from variables first, then defaults', () => {
    expect(initialValues(fields, { amount: 7, paidOn: '2030-02-03T00:00:00Z' })).toEqual({ approved: false, amount: 7, paidOn: '2030-02-03' });
    expect(initialValues(fields, {})).toMatchObject({ amount: 100 });
  });
  it('validates like the runtime and names the field', () => {
    expect(validateValues(fields, { approved: false, amount: 1.5, decision: 'burn' })).toEqual({
      amount: 'Amount must be a whole number',
      decision: 'Decision must be one of the options',
      note: 'Note is required',
    });
    expect(validateValues(fields, { approved: true, amount: 3, note: 'ok' })).toEqual({});
  });
  it('submits only the form fields that have a value', () => {
    expect(submittedValues(fields, { approved: true, amount: 3, note: '', other: 1 })).toEqual({ approved: true, amount: 3 });
  });
});
