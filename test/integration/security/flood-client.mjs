/**
 * A hostile client in a process of its own (so its buffers do not count as the bot's memory): opens
 * connections to the bot on 127.0.0.1 and misbehaves as told, then prints one JSON line saying when
 * each connection was closed by the server and what it answered. Stops by itself after `giveUpMs`.
 *
 * argv[2]: {"port", "mode": "flood"|"slow-headers"|"idle"|"chunked", "connections", "declared",
 *           "send", "giveUpMs", "timestamp"}
 */
import { connect } from 'node:net';

const options = JSON.parse(process.argv[2] ?? '{}');
const started = Date.now();
const results = [];

function open(index) {
  return new Promise((resolve) => {
    const result = { index, closedAtMs: null, status: null, sentBytes: 0, error: null };
    results.push(result);
    const socket = connect({ port: options.port, host: '127.0.0.1' });
    socket.on('data', (data) => {
      if (result.status === null) {
        const match = /^HTTP\/1\.1 (\d{3})/.exec(data.toString('latin1'));
        result.status = match ? Number(match[1]) : -1;
      }
    });
    socket.on('error', (error) => {
      result.error = error.code ?? String(error);
    });
    socket.on('close', () => {
      result.closedAtMs = Date.now() - started;
      resolve();
    });
    socket.on('connect', () => {
      const head = [
        'POST /slack/events HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/x-www-form-urlencoded',
        `X-Slack-Request-Timestamp: ${options.timestamp}`,
        `X-Slack-Signature: v0=${'0'.repeat(64)}`,
      ];
      if (options.mode === 'idle') return;
      if (options.mode === 'slow-headers') {
        socket.write(`${head.join('\r\n')}\r\n`);
        return;
      }
      if (options.mode === 'chunked') {
        socket.write(`${[...head, 'Transfer-Encoding: chunked'].join('\r\n')}\r\n\r\n`);
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = () => {
          if (socket.destroyed || result.sentBytes >= options.send) return;
          socket.write(`${chunk.length.toString(16)}\r\n`);
          socket.write(chunk);
          socket.write('\r\n');
          result.sentBytes += chunk.length;
          setTimeout(pump, 5);
        };
        pump();
        return;
      }
      socket.write(`${[...head, `Content-Length: ${options.declared}`].join('\r\n')}\r\n\r\n`);
      socket.write(Buffer.alloc(options.send, 0x61), () => {
        result.sentBytes = options.send;
      });
    });
  });
}

const all = Promise.all(Array.from({ length: options.connections }, (_, i) => open(i)));
const timer = setTimeout(() => {
  process.stdout.write(`${JSON.stringify({ gaveUp: true, results })}\n`);
  process.exit(0);
}, options.giveUpMs);
await all;
clearTimeout(timer);
process.stdout.write(`${JSON.stringify({ gaveUp: false, results })}\n`);
