import { type InventoryEmulator, startInventoryEmulator } from '../../../sandbox/inventory/index.js';
import { ErrorCode, InputError, IntegrationError } from '../../../src/errors.js';
import { createCallCounter } from '../../../src/integrations/call-counter.js';
import { InventoryClient } from '../../../src/integrations/inventory/inventory-client.js';
import { silentLogger } from '../../../src/logger.js';

const token = 'inv-token-0123456789';

const servers = [
  { id: '1', hostname: 'app01', ip: '10.20.30.40', environment: 'PROD-US-SOUTH', application: 'billing' },
  { id: '2', hostname: 'app01-old', ip: '10.20.30.40', environment: 'notalchemy', application: 'billing' },
  { id: '3', hostname: 'db02', ip: '10.20.30.41', environment: 'PROD-US-SOUTH', application: 'db' },
];

const running: InventoryEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function emulate(extra: { faultRate?: number; seed?: number } = {}) {
  const emulator = await startInventoryEmulator({ servers }, { token, ...extra });
  running.push(emulator);
  return emulator;
}

function client(
  emulator: InventoryEmulator,
  extra: { token?: string; retries?: number; timeoutMs?: number } = {},
) {
  const counter = createCallCounter();
  const inventory = new InventoryClient({
    baseUrl: emulator.url,
    token,
    logger: silentLogger(),
    counter,
    sleep: async () => {},
    ...extra,
  });
  return { inventory, counter };
}

describe('InventoryClient against the inventory emulator', () => {
  it('finds every server with an IP', async () => {
    const emulator = await emulate();
    const { inventory, counter } = client(emulator);
    expect((await inventory.findByIp('10.20.30.40')).map((s) => s.hostname)).toEqual(['app01', 'app01-old']);
    expect(await inventory.findByIp('10.9.9.9')).toEqual([]);
    expect(counter.snapshot()).toEqual({ inventory: 2 });
  });

  it('refuses a malformed IP before calling', async () => {
    const emulator = await emulate();
    await expect(client(emulator).inventory.findByIp('10.20.30')).rejects.toBeInstanceOf(InputError);
    expect(emulator.calls).toHaveLength(0);
  });

  it('patches a server and returns it as changed, comment recorded', async () => {
    const emulator = await emulate();
    const { inventory } = client(emulator);
    const updated = await inventory.update('3', {
      environment: 'notalchemy',
      comment: 'per gap issue #4711',
    });
    expect(updated).toEqual({ ...servers[2], environment: 'notalchemy' });
    expect(emulator.state().history).toEqual([
      expect.objectContaining({
        id: '3',
        changes: { environment: { from: 'PROD-US-SOUTH', to: 'notalchemy' } },
        comment: 'per gap issue #4711',
      }),
    ]);
  });

  it('reports an unknown server with the inventory message, not retried', async () => {
    const emulator = await emulate();
    const error = await failure(client(emulator).inventory.update('99', { application: 'x' }));
    expect(error.message).toBe("inventory: PATCH servers/99 failed: HTTP 404 no server with id '99'");
    expect(emulator.calls).toHaveLength(1);
  });

  it('fails on a bad token without showing it', async () => {
    const emulator = await emulate();
    const error = await failure(
      client(emulator, { token: 'wrong-token-wrong' }).inventory.findByIp('10.20.30.40'),
    );
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('wrong-token-wrong');
    expect(error.message).toContain('check the inventory credentials');
  });

  it('retries lookups through faults, but never repeats a PATCH after a server error', async () => {
    const emulator = await emulate({ faultRate: 0.5, seed: 9 });
    const { inventory } = client(emulator, { retries: 8, timeoutMs: 250 });
    for (let i = 0; i < 5; i++) expect(await inventory.findByIp('10.20.30.41')).toHaveLength(1);
    expect(emulator.calls.length).toBeGreaterThan(5);

    const always = await emulate({ faultRate: 1, seed: 1 });
    const error = await failure(
      client(always, { retries: 8, timeoutMs: 250 }).inventory.update('1', { application: 'y' }),
    );
    expect([ErrorCode.Integration, ErrorCode.Timeout]).toContain(error.code);
    expect(always.calls).toHaveLength(1);
  });
});

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrationError);
    return error as IntegrationError;
  }
  throw new Error('expected the call to fail');
}
