#!/usr/bin/env node
/**
 * Preflight for `npm test`: the suite needs a real Chromium (e2e) and a real PostgreSQL (Store
 * contract and integration tests). This script checks both up front and exits 1 with the exact
 * command to fix each missing piece, so the suite never goes green by silently skipping them.
 *
 *   CHROMIUM_PATH       default /usr/bin/chromium
 *   BATON_TEST_PG_URL   default postgres://postgres@127.0.0.1:5432/test
 */
import { accessSync, constants } from 'node:fs';
import { execFile } from 'node:child_process';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PG_URL = process.env.BATON_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const PG_TIMEOUT_MS = 3000;
const START_PG = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/** Password-free form of a connection string, for messages. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

async function checkChromium() {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    return {
      ok: false,
      message:
        `Chromium not found or not executable at ${CHROMIUM_PATH} (set CHROMIUM_PATH to use another binary).\n` +
        '    Install it:  apt-get update && apt-get install -y chromium',
    };
  }
  const version = await new Promise((resolve) => {
    execFile(CHROMIUM_PATH, ['--version'], { timeout: 15_000 }, (error, stdout) => {
      resolve(error ? null : stdout.trim());
    });
  });
  if (!version) {
    return {
      ok: false,
      message:
        `${CHROMIUM_PATH} exists but \`${CHROMIUM_PATH} --version\` failed.\n` +
        '    Reinstall it:  apt-get update && apt-get install -y --reinstall chromium',
    };
  }
  return { ok: true, message: `${version} (${CHROMIUM_PATH})` };
}

async function checkPostgres() {
  let pg;
  try {
    pg = (await import('pg')).default;
  } catch {
    return { ok: false, message: 'The `pg` package is not installed.\n    Run:  npm ci' };
  }
  const client = new pg.Client({
    connectionString: PG_URL,
    connectionTimeoutMillis: PG_TIMEOUT_MS,
    query_timeout: PG_TIMEOUT_MS,
  });
  client.on('error', () => {}); // a late socket error must not crash the preflight
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PG_TIMEOUT_MS / 1000} s`)), PG_TIMEOUT_MS + 500);
  });
  try {
    const result = await Promise.race([
      client.connect().then(() => client.query('select version() as version')),
      deadline,
    ]);
    const version = String(result.rows[0].version).split(' on ')[0];
    return { ok: true, message: `${version} (${redact(PG_URL)})` };
  } catch (error) {
    const code = error && typeof error === 'object' ? error.code : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    let fix;
    if (code === '3D000') {
      const db = new URL(PG_URL).pathname.slice(1) || 'test';
      fix = `Create the database:  createdb -h 127.0.0.1 -U postgres ${db}`;
    } else if (code === '28P01' || code === '28000') {
      fix = 'Allow the test user in: trust auth for 127.0.0.1 in pg_hba.conf (or put the password in BATON_TEST_PG_URL), then reload PostgreSQL.';
    } else {
      fix =
        `Start PostgreSQL:  ${START_PG}\n` +
        '    (not installed?  apt-get update && apt-get install -y postgresql, then start it and create the database `test`)';
    }
    return {
      ok: false,
      message: `PostgreSQL does not answer at ${redact(PG_URL)} (BATON_TEST_PG_URL): ${reason}\n    ${fix}`,
    };
  } finally {
    clearTimeout(timer);
    client.end().catch(() => {});
  }
}

const [chromium, postgres] = await Promise.all([checkChromium(), checkPostgres()]);
const checks = [
  ['chromium', chromium],
  ['postgresql', postgres],
];
for (const [name, check] of checks) {
  console.log(`preflight: ${check.ok ? 'ok  ' : 'FAIL'} ${name}: ${check.message}`);
}
if (checks.some(([, check]) => !check.ok)) {
  console.error('preflight: missing pieces above; `npm test` needs both (it never skips e2e or PostgreSQL tests).');
  process.exit(1);
}
// Do not wait for lingering sockets.
process.exit(0);
