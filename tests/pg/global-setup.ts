import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { startPgServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the run's shared server (its `postgres` database). */
    pgUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole run, so `npm test` needs no database set up beforehand.
 * TCO2E_TEST_PG_URL points the tests at an existing server instead.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TCO2E_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    return undefined;
  }
  const server = await startPgServer();
  project.provide('pgUrl', server.url);
  return async () => {
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  };
}
