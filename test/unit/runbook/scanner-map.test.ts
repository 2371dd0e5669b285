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

  const nowhere = { hostname: null, datacenter: null };

  it('takes the environment from the report row first', () => {
    expect(
      assignScanner({ environment: 'stage' }, { hostname: null, datacenter: 'dal10' }, DEFAULT_SCANNER_MAPS),
    ).toEqual({
      environment: 'stage',
      environmentSource: 'report',
      scanners: ['stage-dal09-infra-nessus-01'],
      choice: 'only',
      overruled: [],
    });
    expect(assignScanner({ environment: 'MARS-1' }, nowhere, DEFAULT_SCANNER_MAPS)).toEqual({
      environment: 'MARS-1',
      environmentSource: 'report',
      scanners: [],
      choice: null,
      overruled: [],
    });
  });

  // "DEV-PRESTAGE | dev-mon01-infra-nessus-01 / prestage-mon01-infra-nessus-01": the host's own
  // location decides, and when it cannot, both are asked.
  it('picks the scanner of an environment with two by the host name, else asks both', () => {
    const prestage = assignScanner(
      { environment: 'DEV-PRESTAGE' },
      { hostname: 'prestage-mon01-worker-31', datacenter: 'mon01' },
      DEFAULT_SCANNER_MAPS,
    );
    expect(prestage).toMatchObject({ scanners: ['prestage-mon01-infra-nessus-01'], choice: 'location' });
    const dev = assignScanner(
      { environment: 'DEV-PRESTAGE' },
      { hostname: 'dev-mon01-kube-02', datacenter: null },
      DEFAULT_SCANNER_MAPS,
    );
    expect(dev).toMatchObject({ scanners: ['dev-mon01-infra-nessus-01'], choice: 'location' });
    const unsure = assignScanner(
      { environment: 'DEV-PRESTAGE' },
      { hostname: 'mon01-shared-32', datacenter: 'mon01' },
      DEFAULT_SCANNER_MAPS,
    );
    expect(unsure).toMatchObject({
      scanners: ['dev-mon01-infra-nessus-01', 'prestage-mon01-infra-nessus-01'],
      choice: 'each',
    });
  });

  // "identify where the machine is located, this can then be used to map to the appropriate nessus scanner"
  it('settles rows that disagree on the environment by where the machine is', () => {
    const place = { hostname: 'prod-dal10-carrier2-worker-41', datacenter: 'dal10' };
    expect(
      assignScanner(
        { environment: 'PROD-EU-CENTRAL', otherEnvironments: ['PROD-US-SOUTH'] },
        place,
        DEFAULT_SCANNER_MAPS,
      ),
    ).toEqual({
      environment: 'PROD-US-SOUTH',
      environmentSource: 'location',
      scanners: ['prod-dal09-infra-nessus-01'],
      choice: 'only',
      overruled: ['PROD-EU-CENTRAL'],
    });
    // The datacenter map, when it names one of them, settles it first.
    const maps = { environments: DEFAULT_ENVIRONMENT_SCANNERS, datacenters: { dal10: 'PROD-US-EAST' } };
    expect(
      assignScanner({ environment: 'PROD-US-SOUTH', otherEnvironments: ['PROD-US-EAST'] }, place, maps),
    ).toMatchObject({ environment: 'PROD-US-EAST', overruled: ['PROD-US-SOUTH'] });
    // Nothing tells: every scanner any row names is asked.
    expect(
      assignScanner(
        { environment: 'STAGE', otherEnvironments: ['FOUNDATION'] },
        nowhere,
        DEFAULT_SCANNER_MAPS,
      ),
    ).toEqual({
      environment: 'STAGE',
      environmentSource: 'report',
      scanners: ['stage-dal09-infra-nessus-01', 'sup-wdc04-infra-nessus-01'],
      choice: 'each',
      overruled: [],
    });
  });

  it('falls back to the datacenter map, else leaves the scanner unknown', () => {
    const maps = { environments: DEFAULT_ENVIRONMENT_SCANNERS, datacenters: { DAL10: 'PROD-US-SOUTH' } };
    expect(assignScanner({ environment: null }, { hostname: null, datacenter: 'dal10' }, maps)).toEqual({
      environment: 'PROD-US-SOUTH',
      environmentSource: 'datacenter',
      scanners: ['prod-dal09-infra-nessus-01'],
      choice: 'only',
      overruled: [],
    });
    expect(assignScanner({ environment: '  ' }, { hostname: null, datacenter: 'lon02' }, maps)).toEqual({
      environment: null,
      environmentSource: null,
      scanners: [],
      choice: null,
      overruled: [],
    });
    expect(assignScanner({ environment: null }, nowhere, maps).scanners).toEqual([]);
  });
});
