import {
  assignScanner,
  DEFAULT_ENVIRONMENT_SCANNERS,
  DEFAULT_SCANNER_MAPS,
  scannersFor,
} from '../../../src/runbook/scanner-map.js';

describe('scanner map', () => {
  it('holds the runbook table', () => {
    const primary = (env: string) => scannersFor(env, DEFAULT_ENVIRONMENT_SCANNERS)[0];
    for (const env of ['PROD-AP-NORTH', 'PROD-US-SOUTH', 'PROD-AP-SOUTH', 'PROD-US-EAST']) {
      expect(primary(env)).toBe('prod-dal09-infra-nessus-01');
    }
    expect(primary('STAGE')).toBe('stage-dal09-infra-nessus-01');
    expect(primary('FOUNDATION')).toBe('sup-wdc04-infra-nessus-01');
    expect(scannersFor('DEV-PRESTAGE', DEFAULT_ENVIRONMENT_SCANNERS)).toEqual([
      'dev-mon01-infra-nessus-01',
      'prestage-mon01-infra-nessus-01',
    ]);
    expect(primary('PROD-EU-CENTRAL')).toBe('prod-lon02-infra-nessus-01');
    expect(primary('PROD-UK-SOUTH')).toBe('prod-lon02-infra-nessus-01');
    expect(Object.keys(DEFAULT_ENVIRONMENT_SCANNERS)).toHaveLength(9);
  });

  it('takes the environment from the report row first', () => {
    expect(assignScanner({ environment: 'stage' }, { datacenter: 'dal10' }, DEFAULT_SCANNER_MAPS)).toEqual({
      environment: 'stage',
      environmentSource: 'report',
      scanner: 'stage-dal09-infra-nessus-01',
    });
    expect(assignScanner({ environment: 'DEV-PRESTAGE' }, null, DEFAULT_SCANNER_MAPS).scanner).toBe(
      'dev-mon01-infra-nessus-01',
    );
    expect(assignScanner({ environment: 'MARS-1' }, null, DEFAULT_SCANNER_MAPS)).toEqual({
      environment: 'MARS-1',
      environmentSource: 'report',
      scanner: null,
    });
  });

  it('falls back to the datacenter map, else leaves the scanner unknown', () => {
    const maps = { environments: DEFAULT_ENVIRONMENT_SCANNERS, datacenters: { DAL10: 'PROD-US-SOUTH' } };
    expect(assignScanner({ environment: null }, { datacenter: 'dal10' }, maps)).toEqual({
      environment: 'PROD-US-SOUTH',
      environmentSource: 'datacenter',
      scanner: 'prod-dal09-infra-nessus-01',
    });
    expect(assignScanner({ environment: '  ' }, { datacenter: 'lon02' }, maps)).toEqual({
      environment: null,
      environmentSource: null,
      scanner: null,
    });
    expect(assignScanner({ environment: null }, null, maps).scanner).toBeNull();
    expect(
      assignScanner({ environment: null }, { datacenter: 'dal10' }, DEFAULT_SCANNER_MAPS).scanner,
    ).toBeNull();
  });
});
