import { rm } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase, pgTestUrl, startPgServer } from './server.js';

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('test PostgreSQL', () => {
  it('serves the run and gives each caller a database of its own', async () => {
    expect(await query(pgTestUrl(), 'select 1 as one')).toEqual([{ one: 1 }]);

    const first = await freshDatabase('Server Test!');
    const second = await freshDatabase('Server Test!');
    expect(first).not.toBe(second);
    const name = new URL(first).pathname.slice(1);
    expect(name).toMatch(/^server_test__\d+_\d+$/);
    expect(await query(first, 'select current_database() as db')).toEqual([{ db: name }]);
  });

  it('survives a crash of a private server and starts again', async () => {
    const server = await startPgServer();
    try {
      expect(await query(server.url, 'select 2 as two')).toEqual([{ two: 2 }]);

      await server.kill();
      await expect(query(server.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);

      await server.start();
      expect(await query(server.url, 'select 3 as three')).toEqual([{ three: 3 }]);

      await server.restart();
      expect(await query(server.url, 'select 4 as four')).toEqual([{ four: 4 }]);
    } finally {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });
});
