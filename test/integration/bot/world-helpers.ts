/** Small readers over the emulators for the bot's end-to-end tests. */
import type { World } from '../../../src/cli/world.js';

export const CHANNEL = 'C0ALERTS';

/** Every message of the bot in a thread (parent excluded). */
export function botReplies(world: World, threadTs: string) {
  return world.slack.thread(CHANNEL, threadTs).filter((m) => m.author === 'bot' && m.ts !== threadTs);
}

/** The first message of the bot whose blocks carry a button with an action id starting with `prefix`. */
export function messageWithButton(world: World, prefix: string) {
  for (const message of world.slack.messages(CHANNEL)) {
    const match = new RegExp(`"action_id":"(${prefix}[^"]*)"`).exec(JSON.stringify(message.blocks ?? []));
    if (match?.[1]) return { message, actionId: match[1] };
  }
  throw new Error(`no message with a ${prefix} button`);
}

export function postedComments(world: World) {
  return world.sandbox.emulators.github.state().postedComments;
}

/** Every string anywhere in a JSON value. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

/** Alice clicks `actionId` on the message `messageTs`, and the bot finishes what the click started. */
export async function clickAsAlice(
  world: World,
  click: { messageTs: string; actionId: string },
): Promise<void> {
  await world.driver.clickButton({ userId: 'U0ALICE', channel: CHANNEL, ...click });
  await world.idle();
}

/**
 * Alice presses the button `actionId` of `message` where the bot posted it, in its thread; resolves
 * with what the driver sent and got back (the bot may still be working on it).
 */
export function aliceClicks(
  world: World,
  found: { message: { ts: string; thread_ts?: string | undefined }; actionId: string },
  extra: { value?: string } = {},
) {
  return world.driver.clickButton({
    userId: 'U0ALICE',
    userName: 'alice',
    channel: CHANNEL,
    messageTs: found.message.ts,
    threadTs: found.message.thread_ts,
    actionId: found.actionId,
    ...extra,
  });
}
