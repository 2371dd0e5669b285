/**
 * The API-key header (docs/outside-apis.md section 2.1): `x-apikey: accesskey=...; secretkey=...;`. pyTenable
 * sends `X-APIKey: accessKey=...; secretKey=...` and it works, so names are case-insensitive and the trailing
 * `;` is optional.
 */
import type { IncomingHttpHeaders } from 'node:http';

export function readApiKeys(headers: IncomingHttpHeaders): { accessKey?: string; secretKey?: string } {
  // Node lowercases header names, so `X-APIKey` arrives as `x-apikey`.
  const header = headers['x-apikey'];
  const keys: { accessKey?: string; secretKey?: string } = {};
  if (typeof header !== 'string') return keys;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    const value = part.slice(equals + 1).trim();
    if (name === 'accesskey') keys.accessKey = value;
    if (name === 'secretkey') keys.secretKey = value;
  }
  return keys;
}

export function hasValidKeys(headers: IncomingHttpHeaders, accessKey: string, secretKey: string): boolean {
  const keys = readApiKeys(headers);
  return keys.accessKey === accessKey && keys.secretKey === secretKey;
}
