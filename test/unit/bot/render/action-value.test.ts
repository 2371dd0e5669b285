import {
  bulkActionId,
  decodeButtonValue,
  encodeButtonValue,
  findingActionId,
  parseActionId,
  RECHECK_ALL_ACTION_ID,
} from '../../../../src/bot/render/action-value.js';
import { ErrorCode, InputError } from '../../../../src/errors.js';
import { ACTIONS } from '../../../../src/runbook/model.js';

describe('button values', () => {
  it('are compact JSON that decodes to what was encoded', () => {
    const value = { i: 12, ip: '10.1.2.3', r: 'owner/repo', n: 4711 };
    const json = encodeButtonValue(value);
    expect(json).toBe('{"i":12,"ip":"10.1.2.3","r":"owner/repo","n":4711}');
    expect(decodeButtonValue(json)).toEqual(value);
    expect(decodeButtonValue('{"r":"o/r","n":1,"c":"powered_off"}')).toEqual({
      r: 'o/r',
      n: 1,
      c: 'powered_off',
    });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not JSON', '{nope'],
    ['an unknown key', '{"r":"o/r","n":1,"x":1}'],
    ['an unknown category', '{"r":"o/r","n":1,"c":"on_fire"}'],
    ['a negative issue number', '{"r":"o/r","n":-1}'],
    ['no repo', '{"n":1}'],
  ])('rejects a value that is %s with an InputError', (_name, value) => {
    expect(() => decodeButtonValue(value)).toThrow(InputError);
    try {
      decodeButtonValue(value);
    } catch (error) {
      expect((error as InputError).code).toBe(ErrorCode.InputInvalid);
    }
  });

  it('refuses to encode a value over 2000 characters', () => {
    expect(() => encodeButtonValue({ r: 'o/'.padEnd(2100, 'r'), n: 1 })).toThrow(/2000/);
  });
});

describe('action ids', () => {
  it('parse one-finding, bulk and re-check-all ids', () => {
    expect(parseActionId(findingActionId('power_on', '10.1.2.3'))).toEqual({
      action: 'power_on',
      scope: 'one',
      ip: '10.1.2.3',
    });
    expect(parseActionId(bulkActionId('mark_notalchemy', 'not_in_account'))).toEqual({
      action: 'mark_notalchemy',
      scope: 'bulk',
      category: 'not_in_account',
    });
    expect(parseActionId(RECHECK_ALL_ACTION_ID)).toEqual({ action: 'recheck', scope: 'all' });
  });

  it('start with an action name from the contract', () => {
    for (const action of ACTIONS) expect(findingActionId(action, '10.0.0.1').split(':')[0]).toBe(action);
  });

  it.each(['launch', 'power_on', 'power_on:', 'drop_table:10.1.2.3'])('rejects "%s"', (id) => {
    expect(() => parseActionId(id)).toThrow(InputError);
  });
});
