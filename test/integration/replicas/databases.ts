/**
 * The stores the several-replica tests run on: a SQLite file shared by the replicas (always), and
 * PostgreSQL when TEST_DATABASE_URL is set (CI sets it), in a schema of its own per test.
 */
import pg from 'pg';

export interface TestDatabase {
  /** DATABASE_URL for the bots; undefined lets the world make a fresh SQLite file. */
  url: string | undefined;
  cleanup(): Promise<void>;
}

export function testDatabases(): [name: string, setup: () => Promise<TestDatabase>][] {
  const backends: [string, () => Promise<TestDatabase>][] = [
    ['sqlite', async () => ({ url: undefined, cleanup: async () => {} })],
  ];
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) backends.push(['postgres', () => postgresSchema(pgUrl)]);
  return backends;
}

async function postgresSchema(pgUrl: string): Promise<TestDatabase> {
  const schema = `r_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    url: `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
