import { vlanPairing, vlanStem, vlansPair } from '../../../src/runbook/vlan.js';

describe('VLAN pairing', () => {
  it.each([
    ['Prod/CSMG/F', 'Prod/CSMG/B', 'pair'],
    ['Prod/Carrier6', 'Prod/Carrier6', 'pair'],
    ['Prod/Carrier6', 'Prod/CSMG/B', 'mismatch'],
    ['prod/csmg/f', 'Prod/CSMG/B', 'pair'],
    ['Prod/Carrier6-F', 'Prod/Carrier6-B', 'pair'],
    ['Prod/Carrier6_front', 'Prod/Carrier6_back', 'pair'],
    ['Prod/Carrier6/front', 'Prod/Carrier6', 'pair'],
    ['prod-pub', 'prod-priv', 'pair'],
    ['Prod/CarrierF', 'Prod/CarrierB', 'mismatch'],
    ['Prod/Carrier6/F', 'Prod/Carrier7/B', 'mismatch'],
    ['Prod/Carrier6', 'Prod/Carrier60', 'mismatch'],
    // "the prefix or entire name of the VLAN should match on both sides": the part before the marker.
    ['prod-wdc04-carrier3-pub01', 'prod-wdc04-carrier3-priv01', 'pair'],
    ['prod-wdc04-carrier3-pub01', 'prod-wdc04-carrier4-priv01', 'mismatch'],
    ['pub-prod-wdc04', 'priv-prod-wdc04', 'pair'],
    ['prod-wdc04-carrier3-public', 'prod-wdc04-carrier3-private', 'pair'],
    [null, 'Prod/CSMG/B', 'unknown'],
    ['Prod/CSMG/F', '', 'unknown'],
    ['  ', null, 'unknown'],
  ] as const)('%s with %s: %s', (a, b, expected) => {
    expect(vlanPairing(a, b)).toBe(expected);
    expect(vlanPairing(b, a)).toBe(expected);
    expect(vlansPair(a, b)).toBe(expected === 'pair');
  });

  it('keeps a name that is only a marker', () => {
    expect(vlanStem('/F')).toBe('/f');
    expect(vlanStem('F')).toBe('f');
  });
});
