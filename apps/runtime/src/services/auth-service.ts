/**
 * Users, sessions and the first-start admin. Session tokens are random 32-byte values; only their
 * SHA-256 is stored, so a database dump does not hand out live sessions. Logins are rate-limited per
 * username to blunt brute force.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CreateUserInput, UpdateUserInput, User } from '@baton/shared';
import { ConflictError, NotFoundError, RateLimitedError, UnauthorizedError } from '../errors.js';
import type { Store, UserRow } from '../store/store.js';
import type { Actor } from './actor.js';
import { hashPassword, verifyPassword } from './passwords.js';

const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 60_000;
/**
 * Every request authenticates, and a session + user lookup was 2 of a task completion's ~40 database
 * statements. Resolved actors are kept this long: a logout or user change on THIS node takes effect
 * at once (the cache is cleared); on another node of a PostgreSQL cluster within this time.
 */
const AUTH_CACHE_MS = 1_000;
const AUTH_CACHE_SIZE = 10_000;

export function toUser(row: UserRow): User {
  return { id: row.id, username: row.username, displayName: row.displayName, groups: row.groups, roles: row.roles, disabled: row.disabled };
}

function tokenHash(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  private readonly failures = new Map<string, { count: number; since: number }>();
  /** token hash → the actor it resolved to, the session's expiry and when it was resolved */
  private readonly recent = new Map<string, { actor: Actor; expiresAt: string; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly sessionTtlMs: number,
  ) {}

  /** On an empty user table, creates `admin`; returns the generated password when none was given. */
  async bootstrapAdmin(password?: string): Promise<{ created: boolean; generatedPassword?: string }> {
    if ((await this.store.countUsers()) > 0) return { created: false };
    const generated = password ? undefined : randomBytes(12).toString('base64url');
    try {
      await this.store.insertUser({
        id: randomUUID(),
        username: 'admin',
        displayName: 'Administrator',
        passwordHash: await hashPassword(password ?? generated!),
        groups: ['admins'],
        roles: ['admin'],
        disabled: false,
        createdAt: new Date().toISOString(),
      });
    } catch (error) {
      if (error instanceof ConflictError) return { created: false }; // another node won the race
      throw error;
    }
    return { created: true, ...(generated ? { generatedPassword: generated } : {}) };
  }

  async login(username: string, password: string): Promise<{ token: string; user: User; expiresAt: string }> {
    const now = Date.now();
    const failure = this.failures.get(username);
    if (failure && now - failure.since < FAILURE_WINDOW_MS && failure.count >= MAX_FAILURES) {
      throw new RateLimitedError(`too many failed logins for "${username}"; wait a minute and try again`);
    }
    const user = await this.store.getUserByUsername(username);
    const ok = user && !user.disabled && (await verifyPassword(password, user.passwordHash));
    if (!ok || !user) {
      const entry = failure && now - failure.since < FAILURE_WINDOW_MS ? failure : { count: 0, since: now };
      entry.count += 1;
      this.failures.set(username, entry);
      throw new UnauthorizedError('wrong username or password');
    }
    this.failures.delete(username);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now + this.sessionTtlMs).toISOString();
    await this.store.insertSession({ tokenHash: tokenHash(token), userId: user.id, createdAt: new Date(now).toISOString(), expiresAt });
    return { token, user: toUser(user), expiresAt };
  }

  async logout(token: string) {
    const hash = tokenHash(token);
    this.recent.delete(hash);
    await this.store.deleteSession(hash);
  }

  /** the actor behind a bearer token or cookie, or undefined when it is unknown, expired or disabled */
  async authenticate(token: string): Promise<Actor | undefined> {
    const hash = tokenHash(token);
    const now = Date.now();
    const nowIso = new Date(now).toISOString();
    const hit = this.recent.get(hash);
    if (hit && now - hit.at < AUTH_CACHE_MS && hit.expiresAt >= nowIso) return hit.actor;
    const session = await this.store.getSession(hash);
    if (!session || session.expiresAt < nowIso) return undefined;
    const user = await this.store.getUserById(session.userId);
    if (!user || user.disabled) return undefined;
    const actor: Actor = { userId: user.id, username: user.username, groups: user.groups, roles: user.roles };
    if (this.recent.size >= AUTH_CACHE_SIZE) this.recent.clear();
    this.recent.set(hash, { actor, expiresAt: session.expiresAt, at: now });
    return actor;
  }

  async me(actor: Actor): Promise<User> {
    const user = await this.store.getUserById(actor.userId);
    if (!user) throw new NotFoundError('user', actor.userId);
    return toUser(user);
  }

  async listUsers(): Promise<User[]> {
    return (await this.store.listUsers()).map(toUser);
  }

  async createUser(input: CreateUserInput): Promise<User> {
    const row: UserRow = {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash: await hashPassword(input.password),
      groups: input.groups ?? [],
      roles: input.roles ?? ['worker'],
      disabled: false,
      createdAt: new Date().toISOString(),
    };
    await this.store.insertUser(row);
    return toUser(row);
  }

  async updateUser(input: UpdateUserInput): Promise<User> {
    const { id, password, ...rest } = input;
    const changes: Partial<UserRow> = { ...rest };
    if (password) changes.passwordHash = await hashPassword(password);
    const updated = toUser(await this.store.updateUser(id, changes));
    this.recent.clear(); // roles, groups or disabled may have changed
    return updated;
  }

  async groups(): Promise<string[]> {
    const users = await this.store.listUsers();
    return [...new Set(users.flatMap((u) => u.groups))].sort();
  }
}
