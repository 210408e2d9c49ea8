/**
 * Saved task filters, stored on the server (as Camunda 7 did): private to their owner, or shared with
 * one group the owner belongs to. Members of that group can list and apply it; only the owner (or an
 * admin) can change or remove it.
 */
import { randomUUID } from 'node:crypto';
import type { SavedFilter, SaveFilterInput } from '@baton/shared';
import { BadRequestError, ForbiddenError, NotFoundError } from '../errors.js';
import type { SavedFilterRow, Store } from '../store/store.js';
import { hasRole, type Actor } from './actor.js';

const toSavedFilter = (row: SavedFilterRow): SavedFilter => ({ ...row });

export class FilterService {
  constructor(private readonly store: Store) {}

  async save(input: SaveFilterInput, actor: Actor): Promise<SavedFilter> {
    const now = new Date().toISOString();
    const shared = input.sharedWithGroup ?? null;
    if (shared && !actor.groups.includes(shared) && !hasRole(actor)) {
      throw new BadRequestError(`you can share a filter only with a group you belong to; "${shared}" is not one of yours (${actor.groups.join(', ') || 'none'})`);
    }
    let existing: SavedFilterRow | undefined;
    if (input.id) {
      existing = await this.store.getFilter(input.id);
      if (existing && existing.owner !== actor.username && !hasRole(actor)) throw new ForbiddenError(`filter "${existing.name}" belongs to ${existing.owner}; save it under a new name instead`);
    }
    const row: SavedFilterRow = {
      id: existing?.id ?? input.id ?? randomUUID(),
      name: input.name,
      owner: existing?.owner ?? actor.username,
      sharedWithGroup: shared,
      query: input.query,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    return toSavedFilter(await this.store.saveFilter(row));
  }

  async list(actor: Actor): Promise<SavedFilter[]> {
    return (await this.store.listFilters({ owner: actor.username, groups: actor.groups })).map(toSavedFilter);
  }

  async remove(id: string, actor: Actor): Promise<{ id: string }> {
    const row = await this.store.getFilter(id);
    if (!row) throw new NotFoundError('filter', id);
    if (row.owner !== actor.username && !hasRole(actor)) throw new ForbiddenError(`filter "${row.name}" belongs to ${row.owner}; only they or an admin can remove it`);
    await this.store.deleteFilter(id);
    return { id };
  }
}
