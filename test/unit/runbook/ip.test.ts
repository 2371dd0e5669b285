import { isIPv4, parseIpList, parseIpRange, rangesContain } from '../../../src/runbook/ip.js';

describe('ip', () => {
  it('accepts only strict dotted quads', () => {
    expect(isIPv4('10.1.2.3')).toBe(true);
    expect(isIPv4('255.255.255.255')).toBe(true);
    for (const bad of ['999.1.1.1', '1.2.3', '1.2.3.4.5', '010.1.2.3', '1.2.3.-1', '']) {
      expect(isIPv4(bad)).toBe(false);
    }
  });

  it('parses CIDRs, ranges and short ranges', () => {
    expect(parseIpRange('10.1.0.0/16')).toEqual({ first: 167837696, last: 167903231 });
    const list = parseIpList('10.20.0.0/16, 10.21.4.0-10.21.4.255\n10.30.1.10-20 garbage 10.40.0.1');
    expect(rangesContain(list, '10.20.255.1')).toBe(true);
    expect(rangesContain(list, '10.21.4.200')).toBe(true);
    expect(rangesContain(list, '10.30.1.15')).toBe(true);
    expect(rangesContain(list, '10.30.1.21')).toBe(false);
    expect(rangesContain(list, '10.40.0.1')).toBe(true);
    expect(rangesContain(list, '10.21.5.1')).toBe(false);
    expect(parseIpRange('10.1.2.3/33')).toBeNull();
    expect(parseIpRange('10.1.2.9-10.1.2.1')).toBeNull();
  });
});
