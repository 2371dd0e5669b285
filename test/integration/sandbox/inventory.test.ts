import { type InventoryEmulator, startInventoryEmulator } from '../../../sandbox/inventory/index.js';
import { validateScenario } from '../../../sandbox/scenario.js';

const TOKEN = 'inventory-test-token';
const world = validateScenario({
  inventory: {
    servers: [
      { id: 1, hostname: 'worker-07', ip: '10.1.2.3', environment: 'PROD-US-SOUTH', application: 'carrier' },
      {
        id: '2',
        hostname: 'worker-08',
        ip: '10.1.2.4',
        environment: 'PROD-US-SOUTH',
        application: 'carrier',
      },
    ],
  },
}).inventory;

let inventory: InventoryEmulator;
beforeEach(async () => {
  inventory = await startInventoryEmulator(world, { token: TOKEN });
});
afterEach(() => inventory.close());

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${inventory.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers },
  });

describe('inventory emulator', () => {
  it('finds servers by IP (an unknown IP is an empty list)', async () => {
    const found = await call('/servers?ip=10.1.2.3');
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual([
      {
        id: '1',
        hostname: 'worker-07',
        ip: '10.1.2.3',
        environment: 'PROD-US-SOUTH',
        application: 'carrier',
      },
    ]);
    expect(await (await call('/servers?ip=10.9.9.9')).json()).toEqual([]);
    expect((await call('/servers?ip=10.1.2')).status).toBe(400);
  });

  it('applies a PATCH, keeps it, and records the comment in the history', async () => {
    const patched = await call('/servers/1', {
      method: 'PATCH',
      body: JSON.stringify({ environment: 'NOTALCHEMY', comment: 'not in the account (issue #4711)' }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      id: '1',
      environment: 'NOTALCHEMY',
      application: 'carrier',
    });
    expect(await (await call('/servers?ip=10.1.2.3')).json()).toEqual([
      expect.objectContaining({ id: '1', environment: 'NOTALCHEMY' }),
    ]);
    expect(inventory.state().history).toEqual([
      {
        at: expect.any(String),
        id: '1',
        changes: { environment: { from: 'PROD-US-SOUTH', to: 'NOTALCHEMY' } },
        comment: 'not in the account (issue #4711)',
      },
    ]);
    expect(inventory.state().servers.find((server) => server.id === '2')?.environment).toBe('PROD-US-SOUTH');
    expect(await (await call('/servers/1/history')).json()).toHaveLength(1);
  });

  it('answers 401 without the bearer token', async () => {
    for (const authorization of ['', 'Bearer wrong', `token ${TOKEN}`]) {
      const response = await call('/servers?ip=10.1.2.3', { headers: { authorization } });
      expect(response.status).toBe(401);
    }
    const patch = await fetch(`${inventory.url}/servers/1`, { method: 'PATCH', body: '{"environment":"X"}' });
    expect(patch.status).toBe(401);
    expect(inventory.state().history).toEqual([]);
  });

  it('answers 404 for an unknown id and 400 for a malformed PATCH body', async () => {
    expect((await call('/servers/99', { method: 'PATCH', body: '{"environment":"X"}' })).status).toBe(404);
    for (const body of [
      '{"environment":',
      '[]',
      '{"environment":5}',
      '{"owner":"me"}',
      '{"environment":""}',
    ]) {
      const response = await call('/servers/1', { method: 'PATCH', body });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
    expect(inventory.state().servers.find((server) => server.id === '1')?.environment).toBe('PROD-US-SOUTH');
  });
});
