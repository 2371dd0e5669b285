/**
 * One REST call read the way docs/outside-apis.md section 1.1 describes the URL grammar:
 * `/rest/v3.1/{Service}[/{initId}]/{method}[.json][/{pathArg}...]`, arguments only from a POST body's
 * `parameters`, plus the objectMask / objectFilter / resultLimit query values and the result shaping
 * every method shares.
 */
import type { EmulatorRequest, EmulatorResponse } from '../http-kit.js';
import { publicError, SoftLayerFailure } from './errors.js';
import {
  applyMaskLevel,
  invalidCastProperty,
  invalidPlainProperty,
  levelFor,
  type SoftLayerObject,
} from './mask-apply.js';
import { applyObjectFilter, compileObjectFilter } from './object-filter.js';
import { MaskSyntaxError, type ObjectMask, parseObjectMask } from './object-mask.js';
import { type Datatype, INVALID_IN_CAST } from './views.js';

export interface SoftLayerCall {
  service: string;
  initId: number | undefined;
  method: string;
  /** POST `parameters`, else scalar arguments from the path (the API ignores GET bodies). */
  parameters: unknown[];
  mask: ObjectMask | undefined;
  query: URLSearchParams;
  httpMethod: string;
}

const DEFAULT_METHODS: Record<string, string> = {
  GET: 'getObject',
  POST: 'createObject',
  PUT: 'editObject',
  DELETE: 'deleteObject',
};

/** Null when the path is not under `/rest/v3.1/` (or `/rest/v3/`). */
export function readCall(request: EmulatorRequest): SoftLayerCall | null {
  const match = /^\/rest\/v3(?:\.1)?\/(.+)$/.exec(request.path);
  if (!match?.[1]) return null;
  const segments = match[1]
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  const last = segments.length - 1;
  segments[last] = (segments[last] ?? '').replace(/\.json$/i, '');
  const [service, ...rest] = segments;
  if (!service) return null;
  let initId: number | undefined;
  if (rest[0] !== undefined && /^\d+$/.test(rest[0])) initId = Number(rest.shift());
  const method = rest.shift() ?? DEFAULT_METHODS[request.method] ?? 'getObject';

  return {
    service,
    initId,
    method,
    parameters: request.method === 'GET' ? rest : (bodyParameters(request.body) ?? rest),
    mask: readMask(request.query.get('objectMask')),
    query: request.query,
    httpMethod: request.method,
  };
}

function bodyParameters(body: string): unknown[] | undefined {
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      Array.isArray((parsed as { parameters?: unknown }).parameters)
    ) {
      return (parsed as { parameters: unknown[] }).parameters;
    }
  } catch {
    throw new SoftLayerFailure(publicError('Unable to parse the request body as JSON.'));
  }
  return undefined;
}

function readMask(text: string | null): ObjectMask | undefined {
  if (!text) return undefined;
  try {
    return parseObjectMask(text);
  } catch (error) {
    // The wording of the real parse error is [U]; the code is SoftLayer_Exception_Public.
    const detail = error instanceof MaskSyntaxError ? error.message : String(error);
    throw new SoftLayerFailure(publicError(`Unable to parse object mask: ${detail}.`));
  }
}

/** The real API rejects a mask naming a property the type lacks (500, SoftLayer_Exception_Public). */
function checkMask(mask: ObjectMask | undefined, type: Datatype): void {
  const plain = invalidPlainProperty(mask, type.invalid);
  if (plain) throw new SoftLayerFailure(publicError(`Property '${plain}' not valid for '${type.name}'.`));
  const cast = invalidCastProperty(mask, INVALID_IN_CAST);
  if (cast)
    throw new SoftLayerFailure(publicError(`Property '${cast.property}' not valid for '${cast.type}'.`));
}

export function maskedObject(call: SoftLayerCall, type: Datatype, object: SoftLayerObject): EmulatorResponse {
  checkMask(call.mask, type);
  return { status: 200, body: applyMaskLevel(object, levelFor(call.mask, type.isA)) };
}

/**
 * A list method: filter (rooted at `root`), then `resultLimit=offset,limit`, then the mask.
 * `SoftLayer-Total-Items` counts the filtered list, before paging.
 */
export function maskedList(
  call: SoftLayerCall,
  type: Datatype,
  root: string,
  objects: readonly SoftLayerObject[],
): EmulatorResponse {
  checkMask(call.mask, type);
  const filtered = applyObjectFilter(objects, compileObjectFilter(call.query.get('objectFilter'), root));
  const page = pageOf(filtered, call.query.get('resultLimit'));
  const level = levelFor(call.mask, type.isA);
  return {
    status: 200,
    headers: { 'SoftLayer-Total-Items': String(filtered.length) },
    body: page.map((object) => applyMaskLevel(object, level)),
  };
}

function pageOf<T>(objects: T[], resultLimit: string | null): T[] {
  if (!resultLimit) return objects;
  const match = /^\s*(\d+)\s*(?:,\s*(\d+)\s*)?$/.exec(resultLimit);
  if (!match) return objects;
  // `resultLimit=N` alone is a limit; `offset,limit` is the SDKs' form.
  const [offset, limit] =
    match[2] === undefined ? [0, Number(match[1])] : [Number(match[1]), Number(match[2])];
  return objects.slice(offset, offset + limit);
}

/** Reads a required argument, answering as the API does when it is missing or of the wrong type. */
export function argument<T>(
  call: SoftLayerCall,
  index: number,
  name: string,
  accept: (value: unknown) => value is T,
): T {
  const value = call.parameters[index];
  if (!accept(value)) {
    // Exact wording [U]; the real API answers SoftLayer_Exception_Public with HTTP 500.
    throw new SoftLayerFailure(publicError(`Invalid value provided for '${name}' (parameter ${index + 1}).`));
  }
  return value;
}

export const isRecord = (value: unknown): value is SoftLayerObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';
export const isId = (value: unknown): value is number | string =>
  (typeof value === 'number' && Number.isInteger(value)) ||
  (typeof value === 'string' && /^\d+$/.test(value));
