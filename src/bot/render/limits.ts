/**
 * Block Kit limits (docs/outside-apis.md section 5.3) and our own budgets below them. Lengths are counted in
 * UTF-16 code units, which is never fewer than Slack's character count, so staying under ours keeps
 * us under Slack's.
 */
export const SLACK_LIMITS = Object.freeze({
  blocksPerMessage: 50,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  fallbackText: 40_000,
});

/**
 * Our ceiling for the sum of every text object's `text` in one message. Slack rejects long messages
 * with `msg_blocks_too_long` at an undocumented total (reported near 11,300 text characters, "12,000
 * with a buffer for block containers", and each block and button seems to cost some of it); we stay
 * well below it. Lower it here if Slack ever answers `msg_blocks_too_long`.
 */
export const MESSAGE_TEXT_BUDGET = 8000;

/** Findings shown with their own buttons in one category message unless the caller asks otherwise. */
export const DEFAULT_FINDINGS_PER_MESSAGE = 10;

/** The most findings one category message may show (3 blocks each must stay under 50 blocks). */
export const MAX_FINDINGS_PER_MESSAGE = 15;

/** The most replies one investigation posts in its thread, whatever the size of the report. */
export const MAX_THREAD_MESSAGES = 15;
