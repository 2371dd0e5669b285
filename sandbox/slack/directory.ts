/** Who is who: auth.test for the bot, users.info and usergroups.users.list from the emulator options. */
import { type Method, PERMALINK_HOST } from './context.js';
import { ok, slackError, stringArg } from './wire.js';

export const BOT_NAME = 'nessus-gap';

export const authTest: Method = (context) => {
  const { workspace } = context;
  return ok({
    url: `${PERMALINK_HOST}/`,
    team: 'Sandbox',
    user: BOT_NAME,
    team_id: workspace.teamId,
    user_id: workspace.botUserId,
    bot_id: workspace.botId,
    is_enterprise_install: false,
  });
};

export const usersInfo: Method = (context, args) => {
  const { workspace } = context;
  const id = stringArg(args, 'user');
  if (!id) return slackError('user_not_found');
  const isBot = id === workspace.botUserId;
  const known = workspace.users[id] ?? (isBot ? { name: BOT_NAME } : undefined);
  if (!known) return slackError('user_not_found');
  const realName = known.real_name ?? known.name;
  return ok({
    user: {
      id,
      team_id: workspace.teamId,
      name: known.name,
      real_name: realName,
      deleted: false,
      is_bot: isBot,
      is_app_user: false,
      profile: {
        display_name: known.name,
        real_name: realName,
        ...(isBot ? { bot_id: workspace.botId } : {}),
      },
    },
  });
};

export const usergroupUsers: Method = (context, args) => {
  const group = stringArg(args, 'usergroup');
  const users = group ? context.workspace.usergroups[group] : undefined;
  if (!users) return slackError('no_such_subteam');
  return ok({ users: [...users] });
};
