/**
 * views.open / views.push / views.update, and views.publish (a user's Home tab, one per user). A trigger id is one the driver issued with a command or
 * click; Slack accepts it once, within 3 seconds.
 */
import { viewProblems } from './block-limits.js';
import type { Method, MethodContext } from './context.js';
import type { Block, StoredView } from './store.js';
import { isRecord, ok, slackError, stringArg } from './wire.js';

export const TRIGGER_LIFETIME_MS = 3000;

export const open: Method = (context, args) => openWith(context, args, 'views.open');
export const push: Method = (context, args) => openWith(context, args, 'views.push');

function openWith(context: MethodContext, args: Record<string, unknown>, via: string) {
  const triggerId = stringArg(args, 'trigger_id');
  if (!triggerId) return slackError('invalid_arguments', ['missing required field: trigger_id']);
  const trigger = context.store.triggers.get(triggerId);
  if (!trigger) return slackError('invalid_trigger_id');
  if (trigger.used) return slackError('exchanged_trigger_id');
  if (context.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return slackError('expired_trigger_id');
  const problems = viewProblems(args.view);
  if (problems.length > 0) return slackError('invalid_arguments', problems);
  trigger.used = true;
  const id = context.store.nextId('V');
  const stored: StoredView = {
    id,
    user: trigger.user,
    trigger_id: triggerId,
    view: args.view as Block,
    hash: hashFor(context),
    via,
    history: [],
  };
  context.store.views.set(id, stored);
  return ok({ view: viewJson(context, stored) });
}

export const update: Method = (context, args) => {
  const viewId = stringArg(args, 'view_id');
  const externalId = stringArg(args, 'external_id');
  if (!viewId && !externalId)
    return slackError('invalid_arguments', ['missing required field: view_id or external_id']);
  const stored = viewId
    ? context.store.views.get(viewId)
    : [...context.store.views.values()].find((view) => view.view.external_id === externalId);
  if (!stored) return slackError('not_found');
  const hash = stringArg(args, 'hash');
  if (hash && hash !== stored.hash) return slackError('hash_conflict');
  const problems = viewProblems(args.view);
  if (problems.length > 0) return slackError('invalid_arguments', problems);
  stored.history.push(stored.view);
  stored.view = args.view as Block;
  stored.hash = hashFor(context);
  stored.via = 'views.update';
  return ok({ view: viewJson(context, stored) });
};

/** The Home tab of `user_id`: a `home` view checked against Block Kit's limits, replacing the last one. */
export const publish: Method = (context, args) => {
  const userId = stringArg(args, 'user_id');
  if (!userId) return slackError('invalid_arguments', ['missing required field: user_id']);
  if (!isRecord(args.view) || args.view.type !== 'home') {
    return slackError('invalid_arguments', ['must be home [json-pointer:/view/type]']);
  }
  const problems = viewProblems(args.view);
  if (problems.length > 0) return slackError('invalid_arguments', problems);
  const previous = context.store.homeViews.get(userId);
  const hash = stringArg(args, 'hash');
  if (hash && previous && hash !== previous.hash) return slackError('hash_conflict');
  const stored: StoredView = {
    id: previous?.id ?? context.store.nextId('V'),
    user: userId,
    view: args.view,
    hash: hashFor(context),
    via: 'views.publish',
    history: previous ? [...previous.history, previous.view] : [],
  };
  context.store.homeViews.set(userId, stored);
  return ok({ view: viewJson(context, stored) });
};

/** The view as Slack returns it and as it comes back in view_submission: the sent fields plus ids and state. */
export function viewJson(
  context: MethodContext,
  stored: StoredView,
  values: Record<string, unknown> = {},
): Record<string, unknown> {
  const { workspace } = context;
  const view = stored.view;
  return {
    id: stored.id,
    team_id: workspace.teamId,
    ...view,
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    external_id: typeof view.external_id === 'string' ? view.external_id : '',
    blocks: Array.isArray(view.blocks) ? view.blocks : [],
    state: { values: isRecord(values) ? values : {} },
    hash: stored.hash,
    clear_on_close: view.clear_on_close === true,
    notify_on_close: view.notify_on_close === true,
    root_view_id: stored.id,
    previous_view_id: null,
    app_id: workspace.appId,
    app_installed_team_id: workspace.teamId,
    bot_id: workspace.botId,
  };
}

function hashFor(context: MethodContext): string {
  return `${Math.floor(context.now() / 1000)}.${context.store.nextId('h')}`;
}
