/**
 * The report file posted in the thread: the issue comments one after the other, as `renderMarkdown`
 * joins them (src/runbook/report/markdown.ts), written straight into the file's UTF-8 bytes. Joining
 * them into one string first would hold the whole report twice more (the string, then the SDK's copy
 * of it as bytes).
 */
import { COMMENT_SEPARATOR } from '../../runbook/report/markdown.js';

export function reportFile(comments: readonly string[]): Buffer {
  const separator = Buffer.byteLength(COMMENT_SEPARATOR);
  let size = Math.max(0, comments.length - 1) * separator;
  for (const comment of comments) size += Buffer.byteLength(comment);
  const file = Buffer.allocUnsafe(size);
  let at = 0;
  comments.forEach((comment, index) => {
    if (index > 0) at += file.write(COMMENT_SEPARATOR, at);
    at += file.write(comment, at);
  });
  return file;
}
