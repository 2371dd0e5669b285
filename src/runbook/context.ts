/** What the rules, the texts and the preconditions may know besides the evidence: the clock and settings. */
import type { RecordContext } from './decommission-record.js';
import type { LinkSettings } from './links.js';

export interface DiagnosisContext extends RecordContext {
  links: LinkSettings;
}
