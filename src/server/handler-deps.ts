/**
 * What each Slack handler is given: the use cases it calls, bound to their context here, and the
 * Slack client to answer with. Handlers never see the context itself.
 */

import { act } from '../app/actions/act.js';
import { confirmDoneByHand } from '../app/actions/confirm-by-hand.js';
import type { AppContext } from '../app/context.js';
import { doctorFor } from '../app/doctor.js';
import { homeView } from '../app/home/home-view.js';
import { investigateAlert } from '../app/investigations/from-alert.js';
import { requestRecheck } from '../app/investigations/request-recheck.js';
import { startInvestigation } from '../app/investigations/start.js';
import { activeInvestigations } from '../app/investigations/status.js';
import { scannerStates } from '../app/scanners.js';
import type { SlackApp } from '../bot/app.js';
import { packageRoot } from '../cli/package-root.js';
import type { ServeConfig } from '../config/index.js';
import { manifestScopes } from '../doctor/manifest-scopes.js';
import { runDoctor } from '../doctor/run-doctor.js';
import type { HandlerDeps } from '../handlers/index.js';

export function handlerDeps(
  context: AppContext,
  config: ServeConfig,
  slack: SlackApp['client'],
): HandlerDeps {
  const common = { slack, logger: context.logger };
  return {
    command: {
      ...common,
      repo: context.repo,
      start: (request) => startInvestigation(context, request),
      recheck: (ask) => requestRecheck(context, ask),
      status: () => activeInvestigations(context),
      scanners: () => scannerStates(context),
      doctor: (userId) =>
        doctorFor(
          {
            authorizer: context.authorizer,
            runDoctor: () =>
              runDoctor(config, {
                logger: context.logger.child({ command: 'doctor' }),
                manifestScopes: manifestScopes(packageRoot()),
                slack,
              }),
          },
          userId,
        ),
    },
    alert: {
      ...common,
      repo: context.repo,
      alertChannels: config.slack.alertChannels,
      alertPattern: config.alert.pattern,
      issueTitlePattern: config.alert.issueTitlePattern,
      investigateAlert: (request) => investigateAlert(context, request),
    },
    button: {
      ...common,
      links: config.links,
      authorizedUsergroups: config.slack.authorizedUsergroups,
      act: (request) => act(context, request),
      recheck: (ask) => requestRecheck(context, ask),
    },
    manualDone: {
      ...common,
      authorizedUsergroups: config.slack.authorizedUsergroups,
      confirmByHand: (request) => confirmDoneByHand(context, request),
    },
    home: { ...common, home: (userId) => homeView(context, userId) },
  };
}
