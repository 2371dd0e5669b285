/** Registers every Slack listener; each handler is a named function in its own file. */
import type { App } from '@slack/bolt';
import type { Authorizer } from '../bot/authorize.js';
import type { BotServices } from '../bot/services.js';
import { handleButtonClick } from './actions/button-click.js';
import { handleManualDone, MANUAL_DONE_CALLBACK } from './actions/manual-modal.js';
import { handleNessusGapCommand } from './commands/nessus-gap.js';
import { handleGapAlert } from './messages/gap-alert.js';

/** Every button's action_id starts with an action name (docs/contract.md section 8). */
const ACTION_ID =
  /^(mark_notalchemy|mark_pending_deletion|request_reclaim|open_ipmi_ticket|power_on|launch_scan|recheck)(:.*)?$/;

export function registerHandlers(app: App, services: BotServices, authorizer: Authorizer): void {
  app.command('/nessus-gap', handleNessusGapCommand(services, authorizer));
  app.event('message', handleGapAlert(services));
  app.action({ type: 'block_actions', action_id: ACTION_ID }, handleButtonClick(services, authorizer));
  app.view(MANUAL_DONE_CALLBACK, handleManualDone(services, authorizer));
}
