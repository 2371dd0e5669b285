/** Counts the generated inputs each property tried, and prints the tally for docs/faults.md. */
const runs = new Map<string, number>();

export function countRuns(name: string): void {
  runs.set(name, (runs.get(name) ?? 0) + 1);
}

afterAll(() => {
  for (const [name, count] of runs) process.stdout.write(`FIGURE inputs.${name} ${count}\n`);
});
