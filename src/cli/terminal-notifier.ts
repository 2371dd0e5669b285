/**
 * The investigation told on the terminal: progress on stderr while it runs (when stderr is a
 * terminal), and where the report went when it is done. The report itself is printed by the command.
 */
import type { InvestigationNotifier } from '../app/notifier.js';
import { type CommandIo, writeLine } from './io.js';

export function terminalNotifier(
  io: CommandIo,
): InvestigationNotifier & { commentUrl(): string | undefined } {
  let commentUrl: string | undefined;
  const clear = () => {
    if (io.interactive) io.stderr.write('\r\x1b[K');
  };
  return {
    opened: async () => null,
    async progress(_record, { done, total }) {
      if (io.interactive) io.stderr.write(`\r\x1b[Kchecked ${done} of ${total}`);
    },
    async failed(record, reason) {
      clear();
      writeLine(
        io.stderr,
        `nessus-gap: the investigation of ${record.repo}#${record.issueNumber} failed: ${reason}`,
      );
    },
    findings: async () => ({}),
    async finished(record, _report, links) {
      clear();
      commentUrl = links.issueCommentUrl;
      if (commentUrl) writeLine(io.stderr, `Posted on ${record.repo}#${record.issueNumber}: ${commentUrl}`);
    },
    commentUrl: () => commentUrl,
  };
}
