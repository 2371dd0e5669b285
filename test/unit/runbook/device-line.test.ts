import type { Device } from '../../../src/runbook/evidence.js';
import { deviceLine } from '../../../src/runbook/evidence-lines.js';

const device: Device = {
  account: 'ALC',
  kind: 'hardware',
  id: 4242,
  hostname: 'prod-dal10-db-04',
  fqdn: null,
  datacenter: 'dal10',
  publicIp: null,
  privateIp: '10.10.4.20',
  managementIp: '10.10.2.5',
  matchedAs: 'management',
  powerState: 'unknown',
  publicVlan: null,
  privateVlan: null,
  cancellation: null,
  activeTickets: [],
};

describe('deviceLine', () => {
  it('says why the power state is unknown when the adapter knows', () => {
    expect(
      deviceLine({ ...device, powerStateReason: 'power state unknown: IPMI did not answer in 5 s' }),
    ).toBe(
      'bare metal prod-dal10-db-04 (id 4242) of account ALC in dal10: power state unknown: IPMI did not answer in 5 s',
    );
    expect(deviceLine(device)).toBe(
      'bare metal prod-dal10-db-04 (id 4242) of account ALC in dal10 has an unknown power state',
    );
    expect(deviceLine({ ...device, powerState: 'off' })).toBe(
      'bare metal prod-dal10-db-04 (id 4242) of account ALC in dal10 is powered off',
    );
  });
});
