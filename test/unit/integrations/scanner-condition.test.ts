/** What Tenable.sc's scanner status bits mean for scanning (the bit table of its "Nessus Scanner Statuses"). */
import { scannerCondition } from '../../../src/integrations/tenable/scanner-status.js';

describe('scannerCondition', () => {
  it.each([
    ['1', 'working'],
    ['513', 'working'], // PVS results ready: another product's bit
    ['1025', 'busy'], // Updating Plugins
    ['129', 'busy'], // Reloading Scanner
    ['8192', 'busy'], // Updating Status, as a just-added scanner reports
    ['16384', 'disabled'],
    ['16385', 'disabled'],
    ['2', 'error'], // Connection Error
    ['4', 'error'], // Connection Timeout
    ['33', 'error'], // Authentication Error with Working
    ['1028', 'error'], // an error wins over an update
    ['131072', 'error'], // License Invalid
    ['0', 'error'],
    ['', 'error'],
    ['working', 'error'],
  ])('%s is %s', (status, condition) => {
    expect(scannerCondition(status)).toBe(condition);
  });
});
