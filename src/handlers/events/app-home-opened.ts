/**
 * A person opens the bot's Home tab: the view is built afresh for them and published. Only the Home
 * tab is answered (the Messages tab sends the same event with `tab: messages`).
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { HomeView } from '../../app/home/home-view.js';
import { homeThreadLinks, renderHomeView } from '../../bot/render/home-view.js';
import { withSlackRetry } from '../../bot/slack-post.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';

export interface AppHomeDeps {
  slack: WebClient;
  logger: Logger;
  home(userId: string): Promise<HomeView>;
}

const appHomeOpenedSchema = z.object({
  type: z.literal('app_home_opened'),
  user: z.string().regex(/^[UW][A-Z0-9]+$/, 'not a Slack user id'),
  tab: z.enum(['home', 'messages']),
});

type AppHomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

export function handleAppHomeOpened(deps: AppHomeDeps) {
  return async ({ event }: AppHomeArgs): Promise<void> => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    if (!parsed.success) {
      deps.logger.debug(
        { issues: parsed.error.issues.slice(0, 3) },
        'app_home_opened ignored: unexpected shape',
      );
      return;
    }
    const { user, tab } = parsed.data;
    if (tab !== 'home') return;
    try {
      const view = await deps.home(user);
      const links = await homeThreadLinks(deps.slack, view.investigations);
      await withSlackRetry(() =>
        deps.slack.views.publish({ user_id: user, view: renderHomeView(view, links) }),
      );
    } catch (error) {
      deps.logger.warn({ user, err: errorMessage(error) }, 'could not publish the Home tab');
    }
  };
}
