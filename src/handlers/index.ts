/** Registers every Slack listener; each handler is a named function in its own file. */
import type { App } from '@slack/bolt';
import { MANUAL_DONE_CALLBACK } from '../bot/render/manual-guide.js';
import { type ButtonClickDeps, handleButtonClick } from './actions/button-click.js';
import { handleManualDone, type ManualDoneDeps } from './actions/manual-modal.js';
import { type CommandDeps, handleNessusGapCommand } from './commands/nessus-gap.js';
import { type AppHomeDeps, handleAppHomeOpened } from './events/app-home-opened.js';
import { type GapAlertDeps, handleGapAlert } from './messages/gap-alert.js';

/** Every button's action_id starts with an action name (docs/contract.md section 8). */
const ACTION_ID =
  /^(mark_notalchemy|mark_pending_deletion|request_reclaim|open_ipmi_ticket|power_on|launch_scan|recheck)(:.*)?$/;

export interface HandlerDeps {
  command: CommandDeps;
  alert: GapAlertDeps;
  button: ButtonClickDeps;
  manualDone: ManualDoneDeps;
  home: AppHomeDeps;
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
  app.command('/nessus-gap', handleNessusGapCommand(deps.command));
  app.event('message', handleGapAlert(deps.alert));
  app.action({ type: 'block_actions', action_id: ACTION_ID }, handleButtonClick(deps.button));
  app.view(MANUAL_DONE_CALLBACK, handleManualDone(deps.manualDone));
  app.event('app_home_opened', handleAppHomeOpened(deps.home));
}
