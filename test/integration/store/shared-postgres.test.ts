/**
 * Two stores in two schemas of one PostgreSQL database (as parallel test runs, or two deployments,
 * share one): each migrates its own schema, whatever the other holds. Runs when TEST_DATABASE_URL is set.
 */
import { openStore } from '../../../src/store/open-store.js';
import { testDatabases } from '../replicas/databases.js';

const postgres = testDatabases().filter(([name]) => name === 'postgres');

describe.each(postgres)('stores side by side on %s', (_name, setup) => {
  it('migrates a new schema while another schema already has its migration tables', async () => {
    const first = await setup();
    const second = await setup();
    try {
      const a = await openStore(first.url as string);
      await a.close();
      // Kysely, not told its schema, finds the first schema's migration tables and skips its own.
      const b = await openStore(second.url as string);
      await b.ping();
      await b.close();
    } finally {
      await first.cleanup();
      await second.cleanup();
    }
  });
});
