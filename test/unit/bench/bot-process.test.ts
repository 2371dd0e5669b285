import { highWaterMark } from '../../../src/bench/bot-process.js';

describe('highWaterMark', () => {
  it('reads VmHWM of /proc/PID/status in bytes', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1200 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
    expect(highWaterMark(42, (path) => (path === '/proc/42/status' ? status : ''))).toBe(204800 * 1024);
  });

  it('says what is missing where /proc has no VmHWM', () => {
    expect(() => highWaterMark(42, () => 'Name:\tnode\n')).toThrow(
      /no VmHWM in \/proc\/42\/status: --bot-process needs Linux/,
    );
  });

  it('reads this very process on Linux', () => {
    expect(highWaterMark(process.pid)).toBeGreaterThanOrEqual(process.memoryUsage.rss() * 0.5);
  });
});
