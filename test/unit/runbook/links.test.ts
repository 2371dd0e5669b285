import {
  DEFAULT_LINKS,
  inventorySearchLink,
  RUNBOOK_SECTIONS,
  resolveLinks,
  runbookAnchor,
  withQuery,
} from '../../../src/runbook/links.js';

describe('links', () => {
  it('derives the anchors the runbook page has (kramdown header ids)', () => {
    expect(runbookAnchor(RUNBOOK_SECTIONS.poweredOff)).toBe('powered-off-machines');
    expect(runbookAnchor(RUNBOOK_SECTIONS.notInAccount)).toBe('does-the-machine-exist-in-our-accounts');
    expect(runbookAnchor(RUNBOOK_SECTIONS.staleScan)).toBe('machine-reports-scan-date--1-year');
    expect(runbookAnchor(RUNBOOK_SECTIONS.onlyOneInterface)).toBe(
      'only-one-of-publicprivate-ip-address-for-the-machine-doesnt-work',
    );
    expect(runbookAnchor(RUNBOOK_SECTIONS.assetList)).toBe('step-1-verify-the-asset-list-is-correct');
    expect(runbookAnchor(RUNBOOK_SECTIONS.scannerDown)).toBe('scanner-is-downunreachable');
  });

  it('searches the inventory for the IP', () => {
    expect(inventorySearchLink(DEFAULT_LINKS, '10.1.2.3').url).toBe(
      'https://w3.sos.ibm.com/inventory.nsf/servers.xsp?c_code=alc&search=10.1.2.3',
    );
    expect(withQuery('https://x.example/a', 'q', 'is:issue app 05')).toBe(
      'https://x.example/a?q=is%3Aissue%20app%2005',
    );
    expect(withQuery('https://x.example/a?', 'q', 'x')).toBe('https://x.example/a?q=x');
  });

  it('keeps defaults for overrides that are missing or empty', () => {
    const links = resolveLinks({ securityCenter: 'https://sc.example/', kvmAccess: '' });
    expect(links.securityCenter).toBe('https://sc.example/');
    expect(links.kvmAccess).toBe(DEFAULT_LINKS.kvmAccess);
    expect(resolveLinks()).toEqual(DEFAULT_LINKS);
  });
});
