/**
 * SoftLayer's error shape `{"error","code"}` and the few responses every service shares.
 * Messages marked [U] (docs/outside-apis.md) are our best guess at the real wording.
 */
import type { EmulatorResponse } from '../http-kit.js';

export function softLayerError(status: number, error: string, code: string): EmulatorResponse {
  return { status, body: { error, code } };
}

export const publicError = (message: string, status = 500) =>
  softLayerError(status, message, 'SoftLayer_Exception_Public');

export const notFound = (id: string | number) =>
  softLayerError(404, `Unable to find object with id of '${id}'.`, 'SoftLayer_Exception_ObjectNotFound');

export const invalidMethod = (method: string) =>
  publicError(`Function ("${method}") is not a valid method for this service.`);

export const accessDenied = () => publicError('Access Denied.', 401);

/**
 * An account whose API is down: HTTP 500 with the generic exception body SoftLayer sends when its
 * backend fails (the body softlayer-go treats as transient; docs/outside-apis.md section 1.6).
 */
export const outage = () => softLayerError(500, 'Internal Error', 'SoftLayer_Exception_Public');

/**
 * A bare JSON scalar (`"on"`, `true`, `null`) as the real API sends it. http-kit sends strings as is,
 * so a JSON string has to be encoded here.
 */
export function jsonScalar(value: string | number | boolean | null): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  };
}

/** Thrown inside a service call to answer with a SoftLayer error; caught by the router. */
export class SoftLayerFailure extends Error {
  constructor(readonly response: EmulatorResponse) {
    super(`SoftLayer error ${response.status}`);
    this.name = 'SoftLayerFailure';
  }
}
