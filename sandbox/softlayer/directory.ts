/**
 * The accounts one emulator serves, all at the same URL: the Basic-auth user name and key of a call
 * decide which account it sees, as with the real API, where an API user belongs to one account.
 * Each account keeps its own lists, tickets, power states and remote-management windows.
 */
import { DEFAULT_SOFTLAYER_ACCOUNT } from '../scenario-softlayer.js';
import { IdSource, SoftLayerAccount, type SoftLayerLists, type SoftLayerWorld } from './world.js';

export interface AccountCredentials {
  username: string;
  apiKey: string;
}

interface Entry {
  name: string;
  account: SoftLayerAccount;
  credentials: AccountCredentials | undefined;
}

export class AccountDirectory {
  private readonly entries: Entry[];

  /**
   * `credentials` are the main account's (any non-empty pair when absent); every further account
   * needs its own pair in `accountCredentials`, keyed by its name (compared in upper case).
   */
  constructor(
    world: SoftLayerWorld,
    credentials: AccountCredentials | undefined,
    accountCredentials: Record<string, AccountCredentials> = {},
  ) {
    const further = Object.entries(world.accounts ?? {});
    const ids = new IdSource([world, ...further.map(([, lists]) => lists)]);
    const keyed = new Map(
      Object.entries(accountCredentials).map(([name, pair]) => [name.toUpperCase(), pair]),
    );
    this.entries = [
      { name: world.name ?? DEFAULT_SOFTLAYER_ACCOUNT, account: this.open(world, ids, 1), credentials },
      ...further.map(([name, lists], index) => {
        const pair = keyed.get(name.toUpperCase());
        if (!pair) throw new Error(`softlayer emulator: account ${name} has no credentials`);
        return { name, account: this.open(lists, ids, index + 2), credentials: pair };
      }),
    ];
    const seen = new Set<string>();
    for (const { name, credentials: pair } of this.entries) {
      if (!pair) continue;
      if (seen.has(pair.username)) {
        throw new Error(`softlayer emulator: account ${name} shares its user name with another account`);
      }
      seen.add(pair.username);
    }
  }

  /** The account a call's `Authorization` header opens, or undefined (401). */
  forAuthorization(header: string | string[] | undefined): SoftLayerAccount | undefined {
    const pair = basicPair(header);
    if (!pair) return undefined;
    const owner = this.entries.find((entry) => entry.credentials?.username === pair.username);
    if (owner) return owner.credentials?.apiKey === pair.apiKey ? owner.account : undefined;
    const main = this.entries[0];
    return main && main.credentials === undefined ? main.account : undefined;
  }

  /** An account by its name (any case). */
  byName(name: string): SoftLayerAccount {
    const entry = this.entries.find((candidate) => candidate.name.toUpperCase() === name.toUpperCase());
    if (!entry) {
      throw new Error(`softlayer emulator: no account named ${name} (accounts: ${this.names().join(', ')})`);
    }
    return entry.account;
  }

  main(): SoftLayerAccount {
    return (this.entries[0] as Entry).account;
  }

  names(): string[] {
    return this.entries.map((entry) => entry.name);
  }

  private open(lists: SoftLayerLists, ids: IdSource, accountId: number): SoftLayerAccount {
    return new SoftLayerAccount(lists, { ids, accountId });
  }
}

/** Basic auth `username:apiKey`, both non-empty. */
function basicPair(header: string | string[] | undefined): AccountCredentials | undefined {
  const match = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { username: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) };
}
