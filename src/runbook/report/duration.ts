/** "3 days 4 hours", "2 hours 5 minutes", "45 minutes": how long something has lasted, roughly. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const [days, hours, mins] = [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24, minutes % 60];
  const unit = (n: number, name: string) => (n === 0 ? '' : `${n} ${name}${n === 1 ? '' : 's'}`);
  const parts =
    days > 0 ? [unit(days, 'day'), unit(hours, 'hour')] : [unit(hours, 'hour'), unit(mins, 'minute')];
  const text = parts.filter((part) => part !== '').join(' ');
  return text === '' ? 'less than a minute' : text;
}
