/**
 * The records the use cases hand to their callers. They are defined with the store that keeps them;
 * callers that must not reach the store (the Slack handlers) take them from here.
 */
export type { ActionRecord, FindingRecord, InvestigationRecord, OpenGuide } from '../store/store.js';
