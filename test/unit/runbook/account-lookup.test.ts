import {
  type AccountDevice,
  indexAccount,
  lookupAccount,
  siblingOf,
} from '../../../src/runbook/account-lookup.js';
import type { AccountSubnet } from '../../../src/runbook/evidence.js';
import { buildDevice, buildSubnet } from './evidence-builder.js';

function accountDevice(overrides: Partial<AccountDevice>): AccountDevice {
  const { matchedAs: _ignored, ...device } = buildDevice();
  return { ...device, ...overrides };
}

const worker = accountDevice({
  id: 1,
  hostname: 'w1',
  publicIp: '169.60.1.11',
  privateIp: '10.10.1.11',
  managementIp: '10.10.9.11',
});
const db = accountDevice({
  id: 2,
  hostname: 'db',
  kind: 'virtual',
  publicIp: null,
  privateIp: '10.10.1.12',
  managementIp: null,
});
const subnets: AccountSubnet[] = [
  buildSubnet({ id: 10, cidr: '10.10.0.0/16' }),
  buildSubnet({ id: 11, cidr: '10.10.1.0/26' }),
  buildSubnet({ id: 12, cidr: '10.10.1.0/26' }),
  buildSubnet({ id: 13, cidr: 'garbage' }),
  buildSubnet({ id: 14, cidr: '169.60.1.8/29' }),
];

describe('account look-up', () => {
  const index = indexAccount([worker, db], subnets);

  it('finds the device by public, private or management IP and says which', () => {
    expect(index.lookup('169.60.1.11').device).toMatchObject({ id: 1, matchedAs: 'public' });
    expect(index.lookup('10.10.1.11').device).toMatchObject({ id: 1, matchedAs: 'private' });
    expect(index.lookup('10.10.9.11').device).toMatchObject({ id: 1, matchedAs: 'management' });
    expect(index.lookup('10.10.1.12').device).toMatchObject({ id: 2, kind: 'virtual', matchedAs: 'private' });
    expect(index.lookup('10.10.1.13').device).toBeNull();
  });

  it('picks the most specific subnet, the first of duplicates, and skips malformed CIDRs', () => {
    expect(index.lookup('10.10.1.11').subnet?.id).toBe(11);
    expect(index.lookup('10.10.9.11').subnet?.id).toBe(10);
    expect(index.lookup('169.60.1.15').subnet?.id).toBe(14);
    expect(index.lookup('169.60.1.16').subnet).toBeNull();
    expect(index.lookup('not-an-ip')).toEqual({ device: null, subnet: null, accounts: ['ALC'] });
  });

  it('prefers a data interface when an IP is also listed as a management IP', () => {
    const clash = accountDevice({ id: 3, publicIp: null, privateIp: null, managementIp: '10.10.1.12' });
    expect(lookupAccount('10.10.1.12', [clash, db], []).device).toMatchObject({
      id: 2,
      matchedAs: 'private',
    });
  });

  it('handles thousands of IPs quickly', () => {
    const many: AccountDevice[] = [];
    for (let i = 0; i < 5000; i++) {
      many.push(
        accountDevice({
          id: i,
          privateIp: `10.${20 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`,
          publicIp: null,
          managementIp: null,
        }),
      );
    }
    const big = indexAccount(many, [buildSubnet({ cidr: '10.0.0.0/8' })]);
    const started = Date.now();
    for (let i = 0; i < 5000; i++)
      expect(big.lookup(`10.20.${(i >> 8) & 255}.${i & 255}`).device?.id).toBe(i);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives the other data interface as the sibling, with whether the report lists it', () => {
    const asPrivate = { ...worker, matchedAs: 'private' as const };
    const asPublic = { ...worker, matchedAs: 'public' as const };
    expect(siblingOf(asPrivate, new Set(['10.10.1.11']))).toEqual({
      ip: '169.60.1.11',
      interface: 'public',
      listed: false,
    });
    expect(siblingOf(asPublic, new Set(['10.10.1.11']))).toEqual({
      ip: '10.10.1.11',
      interface: 'private',
      listed: true,
    });
    expect(siblingOf({ ...worker, matchedAs: 'management' }, new Set())).toBeNull();
    expect(siblingOf({ ...db, matchedAs: 'private' }, new Set())).toBeNull();
  });
});
