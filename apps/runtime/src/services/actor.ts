import type { Role } from '@baton/shared';

/** Who issues a command: a logged-in user (from the session) — recorded on every event it causes. */
export interface Actor {
  userId: string;
  username: string;
  groups: string[];
  roles: Role[];
}

export function hasRole(actor: Actor, ...roles: Role[]) {
  return actor.roles.includes('admin') || roles.some((r) => actor.roles.includes(r));
}
