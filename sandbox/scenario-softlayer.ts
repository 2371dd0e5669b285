/**
 * The `softlayer` section of a scenario: the account of SOFTLAYER_USERNAME (its lists at the top
 * level, called `name`, default ALC) and, optionally, further IBM Cloud classic accounts under
 * `accounts`, each with its own lists. `down: true` makes every call with that account's
 * credentials fail the way a SoftLayer outage does.
 *
 * SoftLayer ids are global (an id names one device of one account), so the same hardware, virtual
 * guest, subnet or ticket id in two accounts is refused: a world where it happens cannot exist.
 */
import { z } from 'zod';

/** Loose records: the SoftLayer emulator reads the API's own field names from them. */
const record = z.record(z.string(), z.unknown());

export const DEFAULT_SOFTLAYER_ACCOUNT = 'ALC';

/** An account name becomes part of environment variable names (SOFTLAYER_<NAME>_API_KEY). */
const ACCOUNT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const accountName = z
  .string()
  .regex(ACCOUNT_NAME, 'expected an account name (a letter, then letters, digits and "_", e.g. ALC_FR2)');

const lists = {
  hardware: z.array(record).default([]),
  virtualGuests: z.array(record).default([]),
  subnets: z.array(record).default([]),
  tickets: z.array(record).default([]),
  down: z.boolean().optional(),
};

const accountSchema = z.object(lists);

const LIST_NAMES = ['hardware', 'virtualGuests', 'subnets', 'tickets'] as const;

export const softlayerSchema = z
  .object({
    name: accountName.optional(),
    ...lists,
    accounts: z.record(accountName, accountSchema).optional(),
  })
  .superRefine((softlayer, context) => {
    const primary = softlayer.name ?? DEFAULT_SOFTLAYER_ACCOUNT;
    const names = new Map([[primary.toUpperCase(), primary]]);
    for (const name of Object.keys(softlayer.accounts ?? {})) {
      const same = names.get(name.toUpperCase());
      if (same !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['accounts', name],
          message: `account ${name} is named twice (names are compared in upper case; ${same} is ${
            same === primary ? 'the top-level account, called by softlayer.name' : 'another account'
          })`,
        });
      }
      names.set(name.toUpperCase(), name);
    }
    checkGlobalIds(softlayer, context);
  });

type SoftLayerInput = z.output<typeof accountSchema>;

function checkGlobalIds(
  softlayer: SoftLayerInput & { name?: string; accounts?: Record<string, SoftLayerInput> },
  context: z.RefinementCtx,
): void {
  const accounts: Array<[string, SoftLayerInput, (string | number)[]]> = [
    [softlayer.name ?? DEFAULT_SOFTLAYER_ACCOUNT, softlayer, []],
    ...Object.entries(softlayer.accounts ?? {}).map(
      ([name, account]): [string, SoftLayerInput, (string | number)[]] => [name, account, ['accounts', name]],
    ),
  ];
  for (const list of LIST_NAMES) {
    const owner = new Map<string, string>();
    for (const [name, account, path] of accounts) {
      account[list].forEach((object, index) => {
        if (typeof object.id !== 'number' && typeof object.id !== 'string') return;
        const id = String(object.id);
        const first = owner.get(id);
        if (first !== undefined && first !== name) {
          context.addIssue({
            code: 'custom',
            path: [...path, list, index, 'id'],
            message: `${list} id ${id} is also in account ${first} (SoftLayer ids name one object of one account)`,
          });
        }
        if (first === undefined) owner.set(id, name);
      });
    }
  }
}
