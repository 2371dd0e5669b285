import { indexCoverage } from '../../../src/runbook/coverage-match.js';

describe('coverage index', () => {
  const index = indexCoverage(
    [
      { id: 'z1', name: 'dal zone', ipList: '10.10.0.0/16, 10.30.1.10-20' },
      { id: 'z2', name: 'dal10 carrier4', ipList: '10.10.1.0-10.10.1.255\n10.10.1.5' },
      { id: 'z3', name: 'broken', ipList: 'garbage, 300.1.1.1' },
      { id: 'z4', name: 'everything', ipList: '0.0.0.0/0' },
    ],
    [
      { id: 'a1', name: 'ALC prod private', definedIPs: '10.10.1.11,10.10.1.12' },
      { id: 'a2', name: 'edge', definedIPs: '255.255.255.255' },
    ],
  );

  it('lists every zone covering an IP, in input order', () => {
    expect(index.zonesCovering('10.10.1.5')).toEqual([
      { id: 'z1', name: 'dal zone' },
      { id: 'z2', name: 'dal10 carrier4' },
      { id: 'z4', name: 'everything' },
    ]);
    expect(index.zonesCovering('10.10.2.5').map((z) => z.id)).toEqual(['z1', 'z4']);
    expect(index.zonesCovering('10.30.1.15').map((z) => z.id)).toEqual(['z1', 'z4']);
    expect(index.zonesCovering('10.30.1.21').map((z) => z.id)).toEqual(['z4']);
    expect(index.zonesCovering('not an ip')).toEqual([]);
  });

  it('lists the asset lists holding an IP, including the last address', () => {
    expect(index.assetListsHolding('10.10.1.12')).toEqual([{ id: 'a1', name: 'ALC prod private' }]);
    expect(index.assetListsHolding('10.10.1.13')).toEqual([]);
    expect(index.assetListsHolding('255.255.255.255').map((a) => a.id)).toEqual(['a2']);
    expect(index.assetListsHolding('0.0.0.0')).toEqual([]);
  });

  it('is empty without sources', () => {
    expect(indexCoverage([], []).zonesCovering('10.1.1.1')).toEqual([]);
  });
});
