/**
 * "Done" on the guide of guided manual mode (no inventory API): the person made the change in the
 * dashboard; one use case documents it (src/app/actions/confirm-by-hand.ts), then the clicked
 * message shows the outcome as the API mode does.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ByHandRequest, ByHandResult } from '../../app/actions/confirm-by-hand.js';
import { showResults } from '../../bot/feedback/show-results.js';
import { whisperTo } from '../../bot/feedback/whisper.js';
import { type GuideMetadata, guideKey, guideMetadataSchema } from '../../bot/render/manual-guide.js';
import { renderRefusal } from '../../bot/render/outcome.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export interface ManualDoneDeps {
  slack: WebClient;
  logger: Logger;
  authorizedUsergroups: readonly string[];
  confirmByHand(request: ByHandRequest): Promise<ByHandResult>;
}

export function handleManualDone(deps: ManualDoneDeps) {
  return async ({ ack, view, body }: ViewArgs): Promise<void> => {
    await ack();
    let meta: GuideMetadata;
    try {
      meta = guideMetadataSchema.parse(JSON.parse(view.private_metadata));
    } catch (error) {
      deps.logger.warn({ err: errorMessage(error) }, 'malformed manual-mode submission dropped');
      return;
    }
    const user = { id: body.user.id, name: body.user.name ?? body.user.id };
    const whisper = whisperTo(deps.slack, { channel: meta.c, user: user.id }, deps.logger);
    const result = await deps.confirmByHand({
      investigationId: meta.i,
      action: meta.a,
      ips: meta.ips,
      user,
      guideKey: guideKey(meta.c, meta.ts),
    });
    if (result.kind === 'not_authorised') {
      await whisper(renderRefusal({ allowedUsergroupIds: deps.authorizedUsergroups }).text);
      return;
    }
    if (result.kind === 'unknown') return;
    await showResults(deps.slack, {
      click: {
        channel: { id: meta.c },
        message: {
          ts: meta.ts,
          blocks: result.guide?.blocks ?? [],
          ...(result.guide?.threadTs ? { thread_ts: result.guide.threadTs } : {}),
        },
      },
      record: result.record,
      action: meta.a,
      actionId: meta.id,
      results: result.results,
      user,
      at: result.at,
      whisper,
      byHand: true,
    });
  };
}
