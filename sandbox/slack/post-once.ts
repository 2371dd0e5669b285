/**
 * One POST to the bot on a connection of its own, closed after the answer. A kept-alive connection
 * can be closed by the bot's server (its keep-alive timeout) just as the next request goes out on
 * it; under a loaded test run that race shows up as ECONNRESET with nothing delivered, and a driver
 * must not resend (a slash command is not deduplicated), so it does not reuse connections at all.
 */
import { request } from 'node:http';

export interface PostAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: flat,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
