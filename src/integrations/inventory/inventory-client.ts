/**
 * The asset inventory behind `InventoryApi`, speaking the small REST contract of
 * docs/contract.md section 7: `GET /servers?ip=`, `PATCH /servers/{id}`, Bearer token.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { InventoryApi, InventoryServer } from '../../investigation/ports.js';
import { isIPv4 } from '../../runbook/ip.js';
import { HttpClient, type TransportOptions, transportOptions } from '../http/http-client.js';
import { idString } from '../http/lenient.js';

export interface InventoryClientOptions extends TransportOptions {
  baseUrl: string;
  token: string;
}

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

const serverSchema = z.object({
  id: idString,
  hostname: text,
  ip: z.string(),
  environment: text,
  application: text,
});

export type InventoryPatch = Parameters<InventoryApi['update']>[1];

export class InventoryClient implements InventoryApi {
  private readonly http: HttpClient;

  constructor(options: InventoryClientOptions) {
    this.http = new HttpClient({
      system: 'inventory',
      baseUrl: options.baseUrl,
      headers: { authorization: `Bearer ${options.token}` },
      secrets: [options.token],
      ...transportOptions(options),
    });
  }

  /** Servers with exactly this IP (the answer is checked: a server that ignored `ip=` must not leak others). */
  async findByIp(ip: string): Promise<InventoryServer[]> {
    if (!isIPv4(ip)) throw new InputError(`not an IPv4 address: ${JSON.stringify(ip)}`);
    const servers = await this.http.request({
      method: 'GET',
      path: 'servers',
      query: { ip },
      schema: z.array(serverSchema),
    });
    return servers.filter((server) => server.ip.trim() === ip);
  }

  async update(id: string, patch: InventoryPatch): Promise<InventoryServer> {
    if (id.trim() === '') throw new InputError('inventory server id is empty');
    const body: InventoryPatch = {};
    if (patch.environment !== undefined) body.environment = patch.environment;
    if (patch.application !== undefined) body.application = patch.application;
    if (patch.comment !== undefined) body.comment = patch.comment;
    if (Object.keys(body).length === 0) throw new InputError('inventory update has nothing to change');
    return this.http.request({
      method: 'PATCH',
      path: `servers/${encodeURIComponent(id)}`,
      json: body,
      schema: serverSchema,
    });
  }
}
