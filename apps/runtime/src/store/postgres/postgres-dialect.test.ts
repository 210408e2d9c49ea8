import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { testPgUrl } from '../test-support/test-databases.js';
import { preparePerText, statementNamer } from './postgres-dialect.js';

describe('PostgreSQL statements named by their text', () => {
  let client: pg.Client | undefined;
  afterEach(async () => {
    await client?.end();
    client = undefined;
  });

  async function connect(nameOf: (text: string) => string | undefined) {
    client = new pg.Client({ connectionString: testPgUrl() });
    await client.connect();
    preparePerText(client, nameOf);
    return client;
  }
  const prepared = async (c: pg.Client) => (await c.query({ text: 'select name, statement from pg_prepared_statements order by name' })).rows;

  it('given the same query twice with other values, then the connection prepared it once, by name, and both answers are right', async () => {
    const c = await connect(statementNamer());
    expect((await c.query('select $1::int + 1 as v', [1])).rows).toEqual([{ v: 2 }]);
    expect((await c.query('select $1::int + 1 as v', [41])).rows).toEqual([{ v: 42 }]);
    expect(await prepared(c)).toEqual([{ name: 'baton_1', statement: 'select $1::int + 1 as v' }]);
  });

  it('given more distinct texts than the bound, then the ones past it run unnamed and still answer', async () => {
    const c = await connect(statementNamer(2));
    for (let i = 0; i < 4; i += 1) expect((await c.query(`select $1::int * ${i} as v`, [2])).rows).toEqual([{ v: 2 * i }]);
    expect((await prepared(c)).map((r) => r.name)).toEqual(['baton_1', 'baton_2']);
  });

  it('given a query without values (as migrations send their DDL), then it runs unnamed', async () => {
    const c = await connect(statementNamer());
    await c.query('select 1', []);
    await c.query('select 1');
    expect(await prepared(c)).toEqual([]);
  });
});
