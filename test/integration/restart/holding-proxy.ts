/**
 * A loopback proxy in front of an emulator that can let a request through and then hold back the
 * answer: the change is made upstream, the caller never hears of it. Killing the caller then leaves
 * an action whose effect was made but whose outcome was never recorded.
 */
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  url: string;
  /** Requests (method and path) whose answers are held from now on; null: none. */
  holdAnswersTo: { method: string; path: RegExp } | null;
  held: number;
  close(): Promise<void>;
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  const pending = new Set<ServerResponse>();
  const proxy: HoldingProxy = {
    url: '',
    holdAnswersTo: null,
    held: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of pending) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const rule = proxy.holdAnswersTo;
    const hold = rule !== null && req.method === rule.method && rule.path.test(req.url ?? '');
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        if (hold) {
          proxy.held += 1;
          pending.add(res);
          answer.resume();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
