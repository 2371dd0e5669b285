/**
 * One colour per cause, the same in the PNG chart and the mermaid chart, so the table under the
 * mermaid chart (which has no legend) can name them. Colours repeat after the list is used up.
 */
import { THREAD_ORDER } from '../categories/index.js';
import type { Category } from '../model.js';

const COLOURS: readonly { hex: string; name: string }[] = [
  { hex: '#4e79a7', name: 'blue' },
  { hex: '#f28e2b', name: 'orange' },
  { hex: '#e15759', name: 'red' },
  { hex: '#76b7b2', name: 'teal' },
  { hex: '#59a14f', name: 'green' },
  { hex: '#edc948', name: 'yellow' },
  { hex: '#b07aa1', name: 'purple' },
  { hex: '#ff9da7', name: 'pink' },
  { hex: '#9c755f', name: 'brown' },
  { hex: '#bab0ac', name: 'grey' },
];

/** The total's colour in the mermaid chart (bars behind the causes' lines). */
export const TOTAL_COLOUR = { hex: '#d3d3d3', name: 'light grey' };

export function causeColour(category: Category): { hex: string; name: string } {
  const index = Math.max(0, THREAD_ORDER.indexOf(category));
  return COLOURS[index % COLOURS.length] as { hex: string; name: string };
}
