import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningEmulator } from '../../../sandbox/http-kit.js';
import {
  REMOTE_MANAGEMENT_WINDOW_MS,
  type SoftLayerState,
  type SoftLayerWorld,
  startSoftLayerEmulator,
} from '../../../sandbox/softlayer/index.js';

const credentials = { username: '123456_ops@example.internal', apiKey: 'k3y' };
const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.apiKey}`).toString('base64')}`;

function world(): SoftLayerWorld {
  return {
    hardware: [
      {
        id: 1001,
        hostname: 'app01',
        domain: 'example.internal',
        fullyQualifiedDomainName: 'app01.example.internal',
        primaryIpAddress: '169.45.1.10',
        primaryBackendIpAddress: '10.20.30.40',
        networkManagementIpAddress: '10.20.31.5',
        hardwareStatusId: 5,
        hardwareStatus: { id: 5, status: 'ACTIVE' },
        datacenter: { id: 1, name: 'dal10', longName: 'Dallas 10' },
        networkVlans: [
          { id: 2001, vlanNumber: 1123, name: 'prod-priv', networkSpace: 'PRIVATE' },
          { id: 2002, vlanNumber: 987, networkSpace: 'PUBLIC' },
        ],
        billingItem: { id: 555001, cancellationDate: null },
        activeTickets: [],
        serverPowerState: 'off',
      },
      {
        id: 1002,
        hostname: 'db02',
        domain: 'example.internal',
        fullyQualifiedDomainName: 'db02.example.internal',
        primaryBackendIpAddress: '10.20.30.41',
        hardwareStatus: { id: 5, status: 'ACTIVE' },
        datacenter: { id: 2, name: 'dal09' },
        openCancellationTicket: { id: 77, title: 'Server Cancellation - 04/04/2018' },
      },
      {
        id: 1003,
        hostname: 'App03',
        domain: 'other.internal',
        primaryBackendIpAddress: '10.20.30.42',
        datacenter: { id: 1, name: 'dal10' },
      },
    ],
    virtualGuests: [
      {
        id: 3001,
        hostname: 'vsi01',
        domain: 'example.internal',
        primaryBackendIpAddress: '10.20.30.50',
        powerState: { keyName: 'HALTED', name: 'Halted' },
        datacenter: { id: 1, name: 'dal10' },
      },
    ],
    subnets: [
      {
        id: 880011,
        networkIdentifier: '10.20.30.0',
        cidr: 26,
        subnetType: 'PRIMARY',
        addressSpace: 'PRIVATE',
        networkVlan: { id: 2001, vlanNumber: 1123, name: 'prod-priv' },
        datacenter: { id: 1, name: 'dal10' },
      },
    ],
    tickets: [
      { id: 42, title: 'Old ticket', subjectId: 1021, statusId: 1002, status: { id: 1002, name: 'Closed' } },
    ],
  };
}

let clock = Date.parse('2026-01-05T12:00:00Z');
let emulator: RunningEmulator & { state(): SoftLayerState };

beforeAll(async () => {
  emulator = await startSoftLayerEmulator(world(), { credentials, now: () => clock });
});
afterAll(async () => {
  await emulator.close();
});

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function call(
  path: string,
  query: Record<string, string> = {},
  init: { method?: string; body?: unknown; authorization?: string | null; timeoutMs?: number } = {},
  base: string = emulator.url,
): Promise<Reply> {
  const url = new URL(`/rest/v3.1/${path}`, base);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const headers: Record<string, string> = {};
  if (init.authorization !== null) headers.authorization = init.authorization ?? auth;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    signal: AbortSignal.timeout(init.timeoutMs ?? 2000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

type Obj = Record<string, unknown>;
const list = (reply: Reply) => reply.json as Obj[];
const ids = (reply: Reply) => list(reply).map((object) => object.id);

describe('authentication', () => {
  it('refuses a missing or wrong key with 401 and the SoftLayer error shape', async () => {
    const missing = await call('SoftLayer_Account/getHardware.json', {}, { authorization: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: 'Access Denied.', code: 'SoftLayer_Exception_Public' });
    const wrong = `Basic ${Buffer.from(`${credentials.username}:nope`).toString('base64')}`;
    expect((await call('SoftLayer_Account/getHardware.json', {}, { authorization: wrong })).status).toBe(401);
  });

  it('accepts the configured pair, with or without the .json suffix', async () => {
    expect((await call('SoftLayer_Account/getHardware.json')).status).toBe(200);
    expect(ids(await call('SoftLayer_Account/getHardware'))).toEqual([1001, 1002, 1003]);
  });
});

describe('object masks', () => {
  it('returns only local properties without a mask, never the scenario power state', async () => {
    const [first] = list(await call('SoftLayer_Account/getHardware.json'));
    expect(first).toMatchObject({ id: 1001, hostname: 'app01', networkManagementIpAddress: '10.20.31.5' });
    expect(first).not.toHaveProperty('datacenter');
    expect(first).not.toHaveProperty('networkVlans');
    expect(first).not.toHaveProperty('serverPowerState');
  });

  it('keeps only the selected local properties and requested relations', async () => {
    const reply = await call('SoftLayer_Account/getHardware.json', {
      objectMask:
        'mask[id,hostname,datacenter[name],networkVlans[id,vlanNumber,name,networkSpace],billingItem]',
    });
    expect(list(reply)[0]).toEqual({
      id: 1001,
      hostname: 'app01',
      datacenter: { name: 'dal10' },
      networkVlans: [
        { id: 2001, vlanNumber: 1123, name: 'prod-priv', networkSpace: 'PRIVATE' },
        { id: 2002, vlanNumber: 987, networkSpace: 'PUBLIC' },
      ],
      billingItem: { id: 555001, cancellationDate: null },
    });
    // db02 has no billingItem: absent, not null.
    expect(list(reply)[1]).not.toHaveProperty('billingItem');
  });

  it('adds a relation to the default locals when only relations are selected (bare form)', async () => {
    const [first] = list(
      await call('SoftLayer_Account/getHardware.json', { objectMask: 'datacenter,hardwareStatus' }),
    );
    expect(first).toMatchObject({ id: 1001, hostname: 'app01', hardwareStatus: { id: 5, status: 'ACTIVE' } });
    expect(first?.datacenter).toEqual({ id: 1, name: 'dal10', longName: 'Dallas 10' });
  });

  it('returns Hardware_Server-only relations through the cast form', async () => {
    const reply = await call('SoftLayer_Account/getHardware.json', {
      objectMask:
        '[mask[id,hostname],mask(SoftLayer_Hardware_Server)[activeTickets[id,title],openCancellationTicket[id]]]',
    });
    expect(reply.status).toBe(200);
    expect(list(reply)[0]).toEqual({ id: 1001, hostname: 'app01', activeTickets: [] });
    expect(list(reply)[1]).toEqual({
      id: 1002,
      hostname: 'db02',
      activeTickets: [],
      openCancellationTicket: { id: 77 },
    });
  });

  it('rejects a Hardware_Server-only property in the plain mask as the real API does', async () => {
    const reply = await call('SoftLayer_Account/getHardware.json', {
      objectMask: 'mask[id,activeTickets[id]]',
    });
    expect(reply.status).toBe(500);
    expect(reply.json).toEqual({
      error: "Property 'activeTickets' not valid for 'SoftLayer_Hardware'.",
      code: 'SoftLayer_Exception_Public',
    });
  });

  it('rejects a hardware-only property on guests', async () => {
    const reply = await call('SoftLayer_Account/getVirtualGuests', {
      objectMask: 'mask[id,networkManagementIpAddress]',
    });
    expect(reply.status).toBe(500);
    expect((reply.json as Obj).error).toMatch(/networkManagementIpAddress/);
  });
});

describe('object filters', () => {
  const hardwareIds = async (filter: unknown) =>
    ids(await call('SoftLayer_Account/getHardware.json', { objectFilter: JSON.stringify(filter) }));

  it('matches plain equality and the literal operators', async () => {
    expect(
      await hardwareIds({ hardware: { primaryBackendIpAddress: { operation: '10.20.30.41' } } }),
    ).toEqual([1002]);
    expect(await hardwareIds({ hardware: { hostname: { operation: '_= app03' } } })).toEqual([1003]);
    expect(await hardwareIds({ hardware: { hostname: { operation: 'app03' } } })).toEqual([]);
    expect(await hardwareIds({ hardware: { hostname: { operation: '*= pp0' } } })).toEqual([1001, 1003]);
    expect(await hardwareIds({ hardware: { hostname: { operation: '^= db' } } })).toEqual([1002]);
    expect(await hardwareIds({ hardware: { domain: { operation: '$= other.internal' } } })).toEqual([1003]);
    expect(await hardwareIds({ hardware: { hostname: { operation: '!= app01' } } })).toEqual([1002, 1003]);
  });

  it('matches in-lists and nested relational paths', async () => {
    const inList = {
      hardware: {
        primaryBackendIpAddress: {
          operation: 'in',
          options: [{ name: 'data', value: ['10.20.30.40', '10.20.30.42'] }],
        },
      },
    };
    expect(await hardwareIds(inList)).toEqual([1001, 1003]);
    expect(await hardwareIds({ hardware: { datacenter: { name: { operation: 'dal10' } } } })).toEqual([
      1001, 1003,
    ]);
    expect(await hardwareIds({ hardware: { networkVlans: { vlanNumber: { operation: 987 } } } })).toEqual([
      1001,
    ]);
  });

  it('sorts with orderBy', async () => {
    const sort = (direction: string) => ({
      hardware: { id: { operation: 'orderBy', options: [{ name: 'sort', value: [direction] }] } },
    });
    expect(await hardwareIds(sort('DESC'))).toEqual([1003, 1002, 1001]);
    expect(await hardwareIds(sort('ASC'))).toEqual([1001, 1002, 1003]);
  });

  it('ignores a malformed advanced filter, or one with the wrong root, and returns everything', async () => {
    expect(await hardwareIds({ hardware: { id: { operation: 'in' } } })).toEqual([1001, 1002, 1003]);
    expect(await hardwareIds({ virtualGuests: { id: { operation: 1001 } } })).toEqual([1001, 1002, 1003]);
  });
});

describe('paging', () => {
  it('applies resultLimit=offset,limit after filtering and reports the filtered total', async () => {
    const page = await call('SoftLayer_Account/getHardware.json', {
      objectFilter: JSON.stringify({ hardware: { datacenter: { name: { operation: 'dal10' } } } }),
      resultLimit: '1,5',
    });
    expect(ids(page)).toEqual([1003]);
    expect(page.headers.get('softlayer-total-items')).toBe('2');
    const first = await call('SoftLayer_Account/getHardware.json', { resultLimit: '0,2' });
    expect(ids(first)).toEqual([1001, 1002]);
    expect(first.headers.get('softlayer-total-items')).toBe('3');
  });
});

describe('power control', () => {
  it('powers hardware on, reads it back, and enforces the 20-minute window', async () => {
    expect((await call('SoftLayer_Hardware_Server/1001/getServerPowerState.json')).json).toBe('off');
    const on = await call('SoftLayer_Hardware_Server/1001/powerOn.json');
    expect(on.status).toBe(200);
    expect(on.text).toBe('true');
    expect((await call('SoftLayer_Hardware_Server/1001/getServerPowerState.json')).text).toBe('"on"');

    const tooSoon = await call('SoftLayer_Hardware_Server/1001/rebootSoft.json', {}, { method: 'POST' });
    expect(tooSoon.status).toBe(500);
    expect(tooSoon.json).toEqual({
      error: 'Cannot issue another remote management command within 20 minutes of the last one.',
      code: 'SoftLayer_Exception_Hardware_Server_RemoteManagement',
    });
    clock += REMOTE_MANAGEMENT_WINDOW_MS + 1000;
    expect((await call('SoftLayer_Hardware_Server/1001/rebootSoft.json')).json).toBe(true);
    expect(emulator.state().hardware.find((hw) => hw.id === 1001)?.serverPowerState).toBe('on');
  });

  it('powers a guest on and shows it in powerState', async () => {
    expect((await call('SoftLayer_Virtual_Guest/3001/powerOn', {}, { method: 'POST' })).json).toBe(true);
    const guests = await call('SoftLayer_Account/getVirtualGuests.json', {
      objectMask: 'mask[id,powerState[keyName]]',
    });
    expect(list(guests)).toEqual([{ id: 3001, powerState: { keyName: 'RUNNING' } }]);
  });

  it('answers 404 ObjectNotFound for an unknown id', async () => {
    const reply = await call('SoftLayer_Hardware_Server/123/powerOn.json');
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({
      error: "Unable to find object with id of '123'.",
      code: 'SoftLayer_Exception_ObjectNotFound',
    });
  });

  it('answers 500 for an unknown method', async () => {
    const reply = await call('SoftLayer_Hardware_Server/1001/explode.json');
    expect(reply.status).toBe(500);
    expect(reply.json).toEqual({
      error: 'Function ("explode") is not a valid method for this service.',
      code: 'SoftLayer_Exception_Public',
    });
  });
});

describe('tickets', () => {
  it('lists the ticket subjects', async () => {
    const subjects = list(await call('SoftLayer_Ticket_Subject/getAllObjects.json'));
    expect(subjects).toEqual(
      expect.arrayContaining([
        { id: 1021, name: 'Hardware Issue' },
        { id: 1522, name: 'API Question' },
      ]),
    );
  });

  it('creates a ticket, splits a long update, attaches hardware and reads it all back', async () => {
    const created = await call('SoftLayer_Ticket/createStandardTicket.json', undefined, {
      body: { parameters: [{ subjectId: 1021, title: 'Nessus scan gap: app01' }, 'first entry'] },
    });
    expect(created.status).toBe(200);
    const ticket = created.json as Obj;
    expect(ticket).toMatchObject({
      title: 'Nessus scan gap: app01',
      subjectId: 1021,
      statusId: 1001,
      status: { id: 1001, name: 'Open' },
      updates: [{ entry: 'first entry' }],
    });
    expect(ticket.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-06:00$/);
    const id = ticket.id as number;

    const long = 'x'.repeat(9000);
    const updates = await call(`SoftLayer_Ticket/${id}/addUpdate.json`, undefined, {
      body: { parameters: [{ entry: long }] },
    });
    expect(list(updates).map((update) => (update.entry as string).length)).toEqual([3900, 3900, 1200]);

    const attached = await call(`SoftLayer_Ticket/${id}/addAttachedHardware.json`, undefined, {
      body: { parameters: [1001] },
    });
    expect(attached.json).toMatchObject({ attachmentId: 1001, hardwareId: 1001, ticketId: id });

    const read = await call(`SoftLayer_Ticket/${id}/getObject.json`, {
      objectMask: 'mask[id,status[name],updates[entry],attachedHardware[id]]',
    });
    expect((read.json as Obj).updates).toHaveLength(4);
    expect(read.json).toMatchObject({ id, status: { name: 'Open' }, attachedHardware: [{ id: 1001 }] });

    const hardware = await call('SoftLayer_Account/getHardware.json', {
      objectMask: 'mask[id],mask(SoftLayer_Hardware_Server)[activeTickets[id]]',
      objectFilter: JSON.stringify({ hardware: { id: { operation: 1001 } } }),
    });
    expect(list(hardware)).toEqual([{ id: 1001, activeTickets: [{ id }] }]);

    const open = await call('SoftLayer_Account/getOpenTickets.json', { objectMask: 'mask[id]' });
    expect(ids(open)).toEqual([id]);
    expect(emulator.state().tickets.find((t) => t.id === id)?.updates).toHaveLength(4);
  });

  it('ignores arguments sent with GET, as the real API does', async () => {
    const before = emulator.state().tickets.length;
    const reply = await call('SoftLayer_Ticket/createStandardTicket.json');
    expect(reply.status).toBe(500);
    expect((reply.json as Obj).code).toBe('SoftLayer_Exception_Public');
    expect(emulator.state().tickets).toHaveLength(before);
  });
});

describe('getByIpAddress', () => {
  it('finds the address record with its subnet and device', async () => {
    const reply = await call(
      'SoftLayer_Network_Subnet_IpAddress/getByIpAddress.json',
      {
        objectMask:
          'mask[id,ipAddress,subnet[id,cidr,networkVlan[vlanNumber]],hardware[id],virtualGuest[id]]',
      },
      { body: { parameters: ['10.20.30.41'] } },
    );
    expect(reply.json).toEqual({
      id: 880011041,
      ipAddress: '10.20.30.41',
      subnet: { id: 880011, cidr: 26, networkVlan: { vlanNumber: 1123 } },
      hardware: { id: 1002 },
    });
  });

  it('accepts the path form and answers null for an IP outside the account', async () => {
    const guest = await call('SoftLayer_Network_Subnet_IpAddress/getByIpAddress/10.20.30.50.json', {
      objectMask: 'mask[virtualGuest[id]]',
    });
    expect((guest.json as Obj).virtualGuest).toEqual({ id: 3001 });
    const outside = await call('SoftLayer_Network_Subnet_IpAddress/getByIpAddress.json', undefined, {
      body: { parameters: ['192.0.2.1'] },
    });
    expect(outside.status).toBe(200);
    expect(outside.text).toBe('null');
  });
});

describe('faults', () => {
  it('fails every call at rate 1 in the documented shapes, without changing state', async () => {
    const faulty = await startSoftLayerEmulator(world(), { credentials, faultRate: 1, seed: 7 });
    try {
      const shapes = new Set<string>();
      for (let attempt = 0; attempt < 40; attempt++) {
        try {
          const reply = await call(
            'SoftLayer_Hardware_Server/1001/powerOn.json',
            {},
            { timeoutMs: 150 },
            faulty.url,
          );
          const body = reply.json as Obj | undefined;
          shapes.add(`${reply.status}:${body?.code ?? (reply.text === '' ? 'empty' : 'html')}`);
        } catch (error) {
          expect((error as Error).name).toBe('TimeoutError');
          shapes.add('hang');
        }
      }
      expect([...shapes].sort()).toEqual(
        [
          '200:SoftLayer_Exception_Public',
          '200:empty',
          '500:SoftLayer_Exception_Public',
          '500:SoftLayer_Exception_WebService_RateLimitExceeded',
          '504:html',
          'hang',
        ].sort(),
      );
      expect(faulty.state().hardware.find((hw) => hw.id === 1001)?.serverPowerState).toBe('off');
      expect(faulty.state().powerCommands).toEqual([]);
    } finally {
      await faulty.close();
    }
  });
});

describe('several accounts', () => {
  const basic = (username: string, apiKey: string) =>
    `Basic ${Buffer.from(`${username}:${apiKey}`).toString('base64')}`;
  const empty = { hardware: [], virtualGuests: [], subnets: [], tickets: [] };
  const fr2 = { username: 'SL777_fr2', apiKey: 'fr2-key' };

  it('serves each account to its own credentials; with no main pair, any other pair is the main account', async () => {
    const multi = await startSoftLayerEmulator(
      {
        ...empty,
        hardware: [{ id: 1 }],
        accounts: { ALC_FR2: { ...empty, hardware: [{ id: 2 }], tickets: [{ id: 160_000_000 }] } },
      },
      { accountCredentials: { alc_fr2: fr2 } },
    );
    try {
      const hardware = async (authorization: string) =>
        ids(await call('SoftLayer_Account/getHardware.json', {}, { authorization }, multi.url));
      expect(await hardware(basic('anyone', 'anything'))).toEqual([1]);
      expect(await hardware(basic(fr2.username, fr2.apiKey))).toEqual([2]);
      expect(
        (
          await call(
            'SoftLayer_Account/getObject.json',
            {},
            { authorization: basic(fr2.username, fr2.apiKey) },
            multi.url,
          )
        ).json,
      ).toMatchObject({ id: 2 });
      // An account's user with the wrong key is refused, not served the main account.
      expect(
        (
          await call(
            'SoftLayer_Account/getHardware.json',
            {},
            { authorization: basic(fr2.username, 'x') },
            multi.url,
          )
        ).status,
      ).toBe(401);
      // Created tickets draw from one global sequence, above every account's tickets.
      const created = await call(
        'SoftLayer_Ticket/createStandardTicket.json',
        {},
        { body: { parameters: [{ subjectId: 1021, title: 't' }, 'x'] }, authorization: basic('anyone', 'a') },
        multi.url,
      );
      expect((created.json as Obj).id).toBe(160_000_001);
      expect((created.json as Obj).accountId).toBe(1);
      expect(multi.accountState('ALC').tickets.map((t) => t.id)).toEqual([160_000_001]);
      expect(multi.accountState('ALC_FR2').tickets.map((t) => t.id)).toEqual([160_000_000]);
    } finally {
      await multi.close();
    }
  });

  it('answers an account that is down with a 500 Internal Error, the main account included', async () => {
    const multi = await startSoftLayerEmulator(
      { ...empty, name: 'MAIN', down: true, accounts: { FR2: { ...empty, hardware: [{ id: 2 }] } } },
      { credentials, accountCredentials: { FR2: fr2 } },
    );
    try {
      const main = await call('SoftLayer_Account/getHardware.json', {}, {}, multi.url);
      expect(main.status).toBe(500);
      expect(main.json).toEqual({ error: 'Internal Error', code: 'SoftLayer_Exception_Public' });
      const other = await call(
        'SoftLayer_Account/getHardware.json',
        {},
        { authorization: basic(fr2.username, fr2.apiKey) },
        multi.url,
      );
      expect(ids(other)).toEqual([2]);
      expect(multi.accountNames()).toEqual(['MAIN', 'FR2']);
      // Bad credentials are still refused as such during an outage.
      expect(
        (
          await call(
            'SoftLayer_Account/getHardware.json',
            {},
            { authorization: basic(credentials.username, 'x') },
            multi.url,
          )
        ).status,
      ).toBe(401);
    } finally {
      await multi.close();
    }
  });

  it('refuses to start an account without credentials, or two accounts sharing a user', async () => {
    await expect(
      startSoftLayerEmulator({ ...empty, accounts: { FR2: empty } }, { credentials }),
    ).rejects.toThrow('softlayer emulator: account FR2 has no credentials');
    await expect(
      startSoftLayerEmulator(
        { ...empty, accounts: { FR2: empty } },
        { credentials, accountCredentials: { FR2: { ...credentials } } },
      ),
    ).rejects.toThrow('softlayer emulator: account FR2 shares its user name with another account');
  });
});
