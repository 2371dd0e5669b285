/**
 * `/nessus-gap doctor`: the doctor's table, privately, to the people allowed to act (it names
 * hosts, users and settings). Everyone else is told who may.
 */
import type { Authorizer } from '../../bot/authorize.js';
import type { BotServices } from '../../bot/services.js';
import { packageRoot } from '../../cli/package-root.js';
import { manifestScopes } from '../../doctor/manifest-scopes.js';
import { renderDoctorTable } from '../../doctor/render.js';
import { runDoctor } from '../../doctor/run-doctor.js';
import { errorMessage } from '../../errors.js';

/** Slack shows at most about 40,000 characters in a message; the table stays far below. */
const MAX_TABLE = 35_000;

export async function doctorText(
  services: BotServices,
  authorizer: Authorizer | undefined,
  userId: string,
): Promise<string> {
  if (!authorizer || !(await authorizer.isAuthorized(userId))) {
    return `Only ${authorizer?.describe() ?? 'authorised users'} may run the doctor: it shows hosts and settings.`;
  }
  try {
    const report = await runDoctor(services.config, {
      logger: services.logger.child({ command: 'doctor' }),
      manifestScopes: manifestScopes(packageRoot()),
      slack: services.slack,
    });
    // Slack reads &, < and > as markup even in a code block: they are sent as entities.
    const table = renderDoctorTable(report)
      .slice(0, MAX_TABLE)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/```/g, "'''");
    return `${report.ok ? ':white_check_mark:' : ':warning:'} nessus-gap doctor\n\`\`\`\n${table}\`\`\``;
  } catch (error) {
    return `The doctor could not run: ${errorMessage(error)}`;
  }
}
