import { defineAction, HOLDS } from './action.js';

/** Check again: changes nothing outside, so it is always offered and needs no confirmation. */
export const recheck = defineAction({
  verb: 'recheck',
  name: 'recheck',
  label: 'Re-check',
  bulkLabel: (count) => `Re-check all ${count}`,
  question: (target) => `Check ${target} again`,
  outcome: 'Re-checked',
  done: 'was checked again',
  changes: false,
  danger: false,
  interrupted: 'redo',
  precondition: () => HOLDS,
});
