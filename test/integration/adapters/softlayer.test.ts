import type { RunningEmulator } from '../../../sandbox/http-kit.js';
import { seededRandom } from '../../../sandbox/http-kit.js';
import {
  type SoftLayerState,
  type SoftLayerWorld,
  startSoftLayerEmulator,
} from '../../../sandbox/softlayer/index.js';
import { ErrorCode, IntegrationError } from '../../../src/errors.js';
import { createCallCounter } from '../../../src/integrations/call-counter.js';
import {
  SoftLayerClient,
  type SoftLayerClientOptions,
} from '../../../src/integrations/softlayer/softlayer-client.js';
import { silentLogger } from '../../../src/logger.js';

const credentials = { username: 'SL1234_ops@example.internal', apiKey: 'sl-api-key-0123456789abcdef' };

type Emulator = RunningEmulator & { state(): SoftLayerState };
const running: Emulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function emulate(world: Partial<SoftLayerWorld>, extra: { faultRate?: number; seed?: number } = {}) {
  const emulator = await startSoftLayerEmulator(
    { hardware: [], virtualGuests: [], subnets: [], tickets: [], ...world },
    { credentials, ...extra },
  );
  running.push(emulator);
  return emulator;
}

function client(emulator: Emulator, extra: Partial<SoftLayerClientOptions> = {}) {
  const counter = createCallCounter();
  const softlayer = new SoftLayerClient({
    baseUrl: `${emulator.url}/rest/v3.1`,
    ...credentials,
    logger: silentLogger(),
    counter,
    sleep: async () => {},
    ...extra,
  });
  return { softlayer, counter };
}

const vlans = (publicNumber: number, privateNumber: number) => [
  { id: 9000 + publicNumber, vlanNumber: publicNumber, networkSpace: 'PUBLIC' },
  { id: 9000 + privateNumber, vlanNumber: privateNumber, name: 'Prod/CSMG/F', networkSpace: 'PRIVATE' },
];

function hardware(i: number): Record<string, unknown> {
  return {
    id: 100_000 + i,
    hostname: `hw${i}`,
    domain: 'example.internal',
    fullyQualifiedDomainName: `hw${i}.example.internal`,
    primaryIpAddress: `169.45.1.${i}`,
    primaryBackendIpAddress: `10.20.1.${i}`,
    networkManagementIpAddress: `10.30.1.${i}`,
    hardwareStatus: { id: 5, status: 'ACTIVE' },
    datacenter: { id: 1, name: 'dal10', longName: 'Dallas 10' },
    networkVlans: vlans(987, 1123),
    billingItem: { id: 500_000 + i, cancellationDate: null },
    serverPowerState: i % 2 === 0 ? 'on' : 'off',
  };
}

function guest(i: number): Record<string, unknown> {
  return {
    id: 200_000 + i,
    hostname: `vsi${i}`,
    domain: 'example.internal',
    fullyQualifiedDomainName: `vsi${i}.example.internal`,
    primaryIpAddress: `169.46.1.${i}`,
    primaryBackendIpAddress: `10.21.1.${i}`,
    powerState: i % 3 === 0 ? { keyName: 'HALTED', name: 'Halted' } : { keyName: 'RUNNING', name: 'Running' },
    status: { keyName: 'ACTIVE', name: 'Active' },
    datacenter: { id: 2, name: 'dal12' },
    networkVlans: vlans(988, 1124),
    billingItem: { id: 600_000 + i, cancellationDate: null },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function pathsCalled(emulator: Emulator, fragment: string): number {
  return emulator.calls.filter((call) => call.path.includes(fragment)).length;
}

describe('SoftLayerClient against the SoftLayer emulator', () => {
  it('pages both device lists and asks power only for the hardware that matters', async () => {
    const emulator = await emulate({
      hardware: range(250).map(hardware),
      virtualGuests: range(250).map(guest),
    });
    const { softlayer, counter } = client(emulator, { pageSize: 100 });

    const devices = await softlayer.listDevices({ powerStateForIps: new Set(['10.20.1.7', '10.30.1.8']) });

    expect(devices).toHaveLength(500);
    expect(new Set(devices.map((d) => `${d.kind}:${d.id}`)).size).toBe(500);
    expect(pathsCalled(emulator, 'SoftLayer_Account/getHardware')).toBe(3);
    expect(pathsCalled(emulator, 'SoftLayer_Account/getVirtualGuests')).toBe(3);
    expect(pathsCalled(emulator, '/getServerPowerState')).toBe(2);
    expect(counter.snapshot()).toEqual({ softlayer: 8 });

    const byId = new Map(devices.map((d) => [d.id, d]));
    expect(byId.get(100_007)?.powerState).toBe('off');
    expect(byId.get(100_008)?.powerState).toBe('on');
    expect(byId.get(100_009)?.powerState).toBe('unknown');
    expect(byId.get(200_003)?.powerState).toBe('off');
    expect(byId.get(200_004)?.powerState).toBe('on');
    expect(byId.get(100_250)).toMatchObject({ hostname: 'hw250', managementIp: '10.30.1.250' });
  });

  it('maps every field the runbook needs, including the hardware-only ones behind the mask cast', async () => {
    const future = '2099-04-30T23:59:59-06:00';
    const emulator = await emulate({
      hardware: [
        {
          ...hardware(1),
          activeTickets: [{ id: 77, title: 'Disk failure', status: { id: 1001, name: 'Open' } }],
          openCancellationTicket: { id: 88, title: 'Server Cancellation - 04/04/2026' },
        },
        { ...hardware(2), hardwareStatus: { id: 9, status: 'RECLAIM' } },
        { ...hardware(3), billingItem: { id: 3, cancellationDate: future } },
        { ...hardware(4), billingItem: undefined },
        { ...hardware(5), networkVlans: [] },
      ],
      virtualGuests: [guest(1)],
    });
    const { softlayer } = client(emulator);
    const devices = await softlayer.listDevices({ powerStateForIps: new Set(['169.45.1.1']) });
    const byId = new Map(devices.map((d) => [d.id, d]));

    expect(byId.get(100_001)).toEqual({
      account: 'ALC',
      kind: 'hardware',
      id: 100_001,
      hostname: 'hw1',
      fqdn: 'hw1.example.internal',
      datacenter: 'dal10',
      publicIp: '169.45.1.1',
      privateIp: '10.20.1.1',
      managementIp: '10.30.1.1',
      powerState: 'off',
      publicVlan: { id: 9987, number: 987, name: null },
      privateVlan: { id: 10_123, number: 1123, name: 'Prod/CSMG/F' },
      cancellation: { date: null, ticketId: 88 },
      activeTickets: [{ id: 77, title: 'Disk failure', status: 'Open' }],
    });
    expect(byId.get(100_002)?.cancellation).toEqual({ date: null, ticketId: null });
    expect(byId.get(100_003)?.cancellation).toEqual({ date: future, ticketId: null });
    // Billing is visible to this user (other devices carry it), so a missing billing item reads as cancelled.
    expect(byId.get(100_004)?.cancellation).toEqual({ date: null, ticketId: null });
    expect(byId.get(100_005)).toMatchObject({ publicVlan: null, privateVlan: null, cancellation: null });
    expect(byId.get(200_001)).toMatchObject({
      account: 'ALC',
      kind: 'virtual',
      managementIp: null,
      powerState: 'on',
      datacenter: 'dal12',
      privateVlan: { id: 10_124, number: 1124, name: 'Prod/CSMG/F' },
      cancellation: null,
      activeTickets: [],
    });
  });

  it('finds the cancellation ticket by its SoftLayer title, for hardware and virtual servers alike', async () => {
    const open = { id: 1001, name: 'Open' };
    const emulator = await emulate({
      hardware: [
        // No openCancellationTicket: the active ticket's title says what it is.
        {
          ...hardware(1),
          activeTickets: [{ id: 71, title: 'Server Cancellation - 04/04/2018', status: open }],
        },
        // openCancellationTicket wins over a titled ticket.
        {
          ...hardware(2),
          openCancellationTicket: { id: 82 },
          activeTickets: [{ id: 99, title: 'Server Cancellation - 01/01/2018', status: open }],
        },
        // A ticket that only talks about a cancellation is not one.
        {
          ...hardware(3),
          activeTickets: [{ id: 73, title: 'Question on cancellation of server', status: open }],
        },
      ],
      virtualGuests: [
        {
          ...guest(1),
          activeTickets: [{ id: 91, title: 'Virtual Server Cancellation - 03/30/18', status: open }],
        },
        {
          ...guest(2),
          activeTickets: [
            { id: 92, title: 'Virtual Server Cancellation - 03/30/18', status: open },
            { id: 94, title: 'virtual server cancellation - 04/02/18', status: open },
            { id: 95, title: 'Disk failure', status: open },
          ],
        },
        {
          ...guest(3),
          activeTickets: [
            { id: 93, title: 'Virtual Server Cancellation - 03/30/18', status: { id: 1002, name: 'Closed' } },
          ],
        },
        guest(4),
      ],
      // Attached to guest 4 in the account's ticket list: the API builds activeTickets from it.
      tickets: [
        {
          id: 96,
          title: 'Virtual Server Cancellation - 05/05/26',
          statusId: 1001,
          status: open,
          attachedVirtualGuests: [{ id: 200_004 }],
        },
      ],
    });
    const devices = await client(emulator).softlayer.listDevices({ powerStateForIps: new Set() });
    const ticketOf = (id: number) => devices.find((d) => d.id === id)?.cancellation?.ticketId ?? null;
    expect(ticketOf(100_001)).toBe(71);
    expect(ticketOf(100_002)).toBe(82);
    expect(ticketOf(100_003)).toBeNull();
    expect(ticketOf(200_001)).toBe(91);
    expect(ticketOf(200_002)).toBe(94);
    expect(ticketOf(200_003)).toBeNull();
    expect(ticketOf(200_004)).toBe(96);
    expect(devices.find((d) => d.id === 200_001)?.cancellation).toEqual({ date: null, ticketId: 91 });
  });

  it('does not read a missing billing item as cancelled when the user sees no billing at all', async () => {
    const noBilling = (d: Record<string, unknown>) => ({ ...d, billingItem: undefined });
    const emulator = await emulate({
      hardware: [noBilling(hardware(1))],
      virtualGuests: [noBilling(guest(1))],
    });
    const devices = await client(emulator).softlayer.listDevices({ powerStateForIps: new Set() });
    expect(devices.map((d) => d.cancellation)).toEqual([null, null]);
  });

  it('asks the power of every server when no IPs are given', async () => {
    const emulator = await emulate({ hardware: range(3).map(hardware) });
    const devices = await client(emulator).softlayer.listDevices();
    expect(devices.map((d) => d.powerState)).toEqual(['off', 'on', 'off']);
    expect(pathsCalled(emulator, '/getServerPowerState')).toBe(3);
  });

  it('gives up on a management card that does not answer after one short wait, and says so', async () => {
    const silent: Record<string, unknown> = { ...hardware(1), serverPowerState: 'unanswered' };
    const emulator = await emulate({ hardware: [silent, hardware(2)] });
    const started = Date.now();
    const devices = await client(emulator, { powerStateTimeoutMs: 300, retries: 3 }).softlayer.listDevices();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(devices[0]).toMatchObject({
      powerState: 'unknown',
      powerStateReason: 'power state unknown: IPMI did not answer in 0.3 s',
    });
    expect(devices[1]?.powerState).toBe('on');
    expect(devices[1]).not.toHaveProperty('powerStateReason');
    // Asked once: no retry waits on the silent card again.
    expect(pathsCalled(emulator, `/${String(silent.id)}/getServerPowerState`)).toBe(1);
  });

  it('maps subnets, reading numbers sent as strings', async () => {
    const emulator = await emulate({
      subnets: [
        {
          id: 880_011,
          networkIdentifier: '10.20.30.0',
          cidr: '26',
          subnetType: 'PRIMARY',
          addressSpace: 'PRIVATE',
          totalIpAddresses: '64',
          networkVlan: { id: 2001, vlanNumber: '1123', name: 'prod-priv' },
          datacenter: { name: 'dal10' },
        },
        { id: 880_012, networkIdentifier: '169.45.1.0', cidr: 28, subnetType: 'SECONDARY_ON_VLAN' },
      ],
    });
    expect(await client(emulator).softlayer.listSubnets()).toEqual([
      {
        id: 880_011,
        account: 'ALC',
        cidr: '10.20.30.0/26',
        subnetType: 'PRIMARY',
        vlan: { id: 2001, number: 1123, name: 'prod-priv' },
        datacenter: 'dal10',
      },
      {
        account: 'ALC',
        id: 880_012,
        cidr: '169.45.1.0/28',
        subnetType: 'SECONDARY_ON_VLAN',
        vlan: null,
        datacenter: null,
      },
    ]);
  });

  it('retries an error inside a 200 and an empty 200 body', async () => {
    for (const faultIndex of [1, 2]) {
      const seed = seedWhereFirstCallFails(faultIndex);
      const emulator = await emulate(
        { subnets: [{ id: 1, networkIdentifier: '10.0.0.0', cidr: 24 }] },
        { faultRate: 0.5, seed },
      );
      const { softlayer, counter } = client(emulator);
      expect(await softlayer.listSubnets()).toHaveLength(1);
      expect(emulator.calls.map((call) => call.status)).toEqual([200, 200]);
      expect(counter.outcomes()).toEqual({ softlayer: { ok: 1, error: 1 } });
    }
  });

  it('reports an error inside a 200 as a failure once retries run out', async () => {
    const seed = seedWhereFirstCallFails(1);
    const emulator = await emulate({}, { faultRate: 0.5, seed });
    const error = await failure(client(emulator, { retries: 0 }).softlayer.listSubnets());
    expect(error.message).toBe(
      'softlayer: GET SoftLayer_Account/getSubnets failed: HTTP 200 Internal Error (SoftLayer_Exception_Public)',
    );
    expect(error.retryable).toBe(true);
  });

  it('comes through every kind of fault (500, error in 200, empty 200, rate limit, hang, HTML 504)', async () => {
    const world = { hardware: range(30).map(hardware), virtualGuests: range(30).map(guest) };
    const wanted = { powerStateForIps: new Set(['10.20.1.3']) };
    const clean = await emulate(world);
    const expected = await client(clean, { pageSize: 5 }).softlayer.listDevices(wanted);

    // Seed 5 at rate 0.4 draws each of the emulator's six faults within this run's 26 calls.
    const faulty = await emulate(world, { faultRate: 0.4, seed: 5 });
    const { softlayer, counter } = client(faulty, { pageSize: 5, retries: 8, timeoutMs: 250 });
    const devices = await softlayer.listDevices(wanted);
    expect(devices).toEqual(expected);
    const statuses = faulty.calls.map((call) => call.status);
    expect(statuses).toEqual(expect.arrayContaining(['hang', 500, 504]));
    expect(counter.outcomes().softlayer).toEqual({ ok: 13, error: statuses.length - 13 });
  });

  it('fails at once on bad credentials, without the key in the message', async () => {
    const emulator = await emulate({});
    const { softlayer } = client(emulator, { apiKey: 'wrong-key-wrong-key' });
    const error = await failure(softlayer.listSubnets());
    expect(error.status).toBe(401);
    expect(error.message).toContain(
      'softlayer: GET SoftLayer_Account/getSubnets failed: HTTP 401 Access Denied.',
    );
    expect(error.message).not.toContain('wrong-key-wrong-key');
    expect(emulator.calls).toHaveLength(1);
  });

  it('powers devices on, and does not repeat a refused hardware command', async () => {
    const emulator = await emulate({
      hardware: [{ ...hardware(1), serverPowerState: 'off' }],
      virtualGuests: [{ ...guest(3) }],
    });
    const { softlayer } = client(emulator);
    await softlayer.powerOn({ kind: 'hardware', id: 100_001 });
    await softlayer.powerOn({ kind: 'virtual', id: 200_003 });
    const state = emulator.state();
    expect(state.hardware[0]?.serverPowerState).toBe('on');
    expect(state.virtualGuests[0]?.powerState).toMatchObject({ keyName: 'RUNNING' });

    const error = await failure(softlayer.powerOn({ kind: 'hardware', id: 100_001 }));
    expect(error.message).toMatch(
      /^softlayer: GET SoftLayer_Hardware_Server\/100001\/powerOn failed: HTTP 500 .*20 minutes/,
    );
    expect(emulator.state().powerCommands.map((c) => c.accepted)).toEqual([true, true, false]);
  });

  it('reboots through rebootDefault, one command per device, power state unchanged', async () => {
    const emulator = await emulate({ hardware: [hardware(1)], virtualGuests: [guest(3)] });
    const { softlayer } = client(emulator);
    const powerBefore = emulator.state().hardware[0]?.serverPowerState;
    await softlayer.reboot({ kind: 'virtual', id: 200_003 });
    await softlayer.reboot({ kind: 'hardware', id: 100_001 });
    expect(emulator.state().powerCommands.map((c) => [c.service, c.id, c.method, c.accepted])).toEqual([
      ['SoftLayer_Virtual_Guest', 200_003, 'rebootDefault', true],
      ['SoftLayer_Hardware_Server', 100_001, 'rebootDefault', true],
    ]);
    expect(emulator.state().hardware[0]?.serverPowerState).toBe(powerBefore);
  });

  it('opens tickets with the looked-up subject, attaches the device, and adds updates', async () => {
    const emulator = await emulate({ hardware: [hardware(1)], virtualGuests: [guest(1)] });
    const { softlayer } = client(emulator);
    const first = await softlayer.createTicket({
      title: 'IPMI unreachable: hw1',
      body: 'The management interface does not answer.',
      device: { kind: 'hardware', id: 100_001 },
    });
    const second = await softlayer.createTicket({
      title: 'Guest check',
      body: 'Please check.',
      device: { kind: 'virtual', id: 200_001 },
    });
    await softlayer.addTicketUpdate(first.id, 'Any news?');

    expect(pathsCalled(emulator, 'SoftLayer_Ticket_Subject/getAllObjects')).toBe(1);
    const tickets = emulator.state().tickets;
    const one = tickets.find((t) => t.id === first.id);
    const two = tickets.find((t) => t.id === second.id);
    expect(one).toMatchObject({
      title: 'IPMI unreachable: hw1',
      subjectId: 1021,
      attachedHardwareIds: [100_001],
    });
    expect(two).toMatchObject({ attachedVirtualGuestIds: [200_001] });
    expect(((one?.updates ?? []) as { entry: string }[]).map((u) => u.entry)).toEqual([
      'The management interface does not answer.',
      'Any news?',
    ]);
  });

  it('says the ticket exists when attaching the device fails', async () => {
    const emulator = await emulate({});
    const error = await failure(
      client(emulator).softlayer.createTicket({
        title: 't',
        body: 'b',
        device: { kind: 'hardware', id: 4242 },
      }),
    );
    expect(error.message).toMatch(
      /^softlayer: ticket \d+ was created, but attaching hardware 4242 failed .*attach it by hand$/,
    );
    expect(emulator.state().tickets).toHaveLength(1);
  });

  it('names the first bad field of a malformed object', async () => {
    const emulator = await emulate({ subnets: [{ id: 5, cidr: 24 }] });
    const error = await failure(client(emulator).softlayer.listSubnets());
    expect(error.code).toBe(ErrorCode.IntegrationResponse);
    expect(error.message).toMatch(
      /^softlayer: GET SoftLayer_Account\/getSubnets returned a malformed response: \[0\]\.networkIdentifier: /,
    );
  });
});

/**
 * A seed under which the emulator's first call fails with fault number `faultIndex` of its fault
 * list and the second call succeeds (http-kit draws once for "fault?", once for which fault).
 */
function seedWhereFirstCallFails(faultIndex: number, faultCount = 6, rate = 0.5): number {
  for (let seed = 1; seed < 100_000; seed++) {
    const random = seededRandom(seed);
    if (random() >= rate) continue;
    if (Math.floor(random() * faultCount) !== faultIndex) continue;
    if (random() < rate) continue;
    return seed;
  }
  throw new Error('no seed found');
}

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrationError);
    return error as IntegrationError;
  }
  throw new Error('expected the call to fail');
}
