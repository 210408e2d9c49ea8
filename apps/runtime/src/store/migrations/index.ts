/**
 * Static migration provider: every migration is imported here by name, so migrate() works from
 * `dist/` and from bundles (no folder scan). Names sort in application order; never rename one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { StoreCapabilities } from '../store-capabilities.js';
import { initialSchema } from './0001-initial.js';
import { inboxSchema } from './0002-inbox.js';
import { monitoringSchema } from './0003-monitoring.js';
import { inboxSortKeysSchema } from './0004-inbox-sort-keys.js';

export function migrationProvider(caps: StoreCapabilities): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001-initial': initialSchema(caps),
        '0002-inbox': inboxSchema(),
        '0003-monitoring': monitoringSchema(caps),
        '0004-inbox-sort-keys': inboxSortKeysSchema(),
      };
    },
  };
}
