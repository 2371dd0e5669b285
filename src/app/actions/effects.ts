/**
 * The change each verb makes in the outside world, through the adapters (its words and
 * preconditions are in src/runbook/actions/). `apply` returns a one-line detail for the audit log
 * and the issue comment, or throws with the reason. `observe` reads, where the API can tell, whether
 * the change has already happened: a Retry after an interrupted action reads it before re-sending.
 */
import { IntegrationError, NotFoundError } from '../../errors.js';
import type { DeviceRef } from '../../investigation/ports.js';
import type { ActionVerb } from '../../runbook/actions/index.js';
import type { Finding } from '../../runbook/finding.js';
import type { ActionPorts } from '../context.js';

/** Verbs that change something outside (everything but a re-check). */
export type EffectVerb = Exclude<ActionVerb, 'recheck'>;

export interface EffectContext {
  ports: ActionPorts;
  finding: Finding;
  issue: { repo: string; number: number };
  user: string;
}

/** What the current state says of a change that may or may not have been made. */
export type Observation =
  | { state: 'done'; detail: string }
  | { state: 'not_done'; detail: string }
  | { state: 'unknown'; detail: string };

export interface Effect {
  apply(ctx: EffectContext): Promise<string>;
  observe(ctx: EffectContext): Promise<Observation>;
}

/** Inventory changes each mark makes (the runbook's Update > Environment / Application). */
export const INVENTORY_MARKS = {
  mark_notalchemy: { environment: 'NOTALCHEMY' },
  mark_pending_deletion: { environment: 'PENDING-DELETION', application: 'Pending Deletion' },
} as const;

export const EFFECTS: Readonly<Record<EffectVerb, Effect>> = Object.freeze<Record<EffectVerb, Effect>>({
  mark_notalchemy: inventoryMark('mark_notalchemy'),
  mark_pending_deletion: inventoryMark('mark_pending_deletion'),
  request_reclaim: {
    async apply({ ports, finding, issue, user }) {
      const device = needDevice(finding);
      const ticketId = device.cancellationTicketId;
      if (ticketId === null) throw new NotFoundError(`no cancellation ticket is known for ${finding.ip}`);
      await ports.infra.addTicketUpdate(device.account, ticketId, reclaimText(finding, issue, user));
      return `reclaim requested on cancellation ticket ${ticketId}`;
    },
    // SoftLayer keeps the updates of a ticket, but reading them back is not something the bot
    // relies on elsewhere: a person checks the ticket.
    observe: async ({ finding }) => ({
      state: 'unknown',
      detail: `the updates of cancellation ticket ${finding.device?.cancellationTicketId ?? '?'} were not read; look at the ticket before retrying`,
    }),
  },
  open_ipmi_ticket: {
    async apply({ ports, finding, issue, user }) {
      const device = finding.device;
      const ticket = await ports.infra.createTicket({
        title: `Management IP ${finding.ip} of ${device?.hostname ?? 'a server'} does not answer ping`,
        body: `The management (IPMI) IP ${finding.ip} of ${device?.hostname ?? 'this server'} does not answer ping from our Nessus scanner, so it cannot be scanned. Please refresh the switch configuration for the IPMI and check that the IPMI then responds. (${issue.repo}#${issue.number}, requested by ${user})`,
        device: device ? deviceRef(device) : null,
      });
      return `infrastructure ticket ${ticket.id} opened`;
    },
    observe: async () => ({
      state: 'unknown',
      detail:
        'whether the ticket was opened cannot be read back here; look for it in the IBM Infrastructure portal before retrying',
    }),
  },
  power_on: {
    async apply({ ports, finding }) {
      const device = needDevice(finding);
      await ports.infra.powerOn(deviceRef(device));
      return `power-on sent to ${describe(device)}`;
    },
    observe: ({ ports, finding }) => observePower(ports, finding, 'on'),
  },
  reboot: {
    async apply({ ports, finding }) {
      const device = needDevice(finding);
      await ports.infra.reboot(deviceRef(device));
      return `reboot sent to ${describe(device)}`;
    },
    // A reboot leaves the power state as it was: nothing in the API tells whether it happened.
    observe: async () => ({
      state: 'unknown',
      detail:
        'the power state cannot tell whether a reboot happened (SoftLayer refuses a second one within 20 minutes)',
    }),
  },
  launch_scan: {
    async apply({ ports, finding }) {
      const launched = await ports.coverage.launchScan({ ip: finding.ip });
      return `scan "${launched.scanName}" launched (scan result ${launched.scanResultId})`;
    },
    observe: async () => ({
      state: 'unknown',
      detail: 'running scans were not read; Security Center > Scans > Active scans shows them',
    }),
  },
});

function inventoryMark(verb: keyof typeof INVENTORY_MARKS): Effect {
  const patch = INVENTORY_MARKS[verb];
  const findServer = async ({ ports, finding }: EffectContext) => {
    if (!ports.inventory)
      throw new IntegrationError('inventory', 'no inventory API is configured (guided manual mode)');
    const [server] = await ports.inventory.findByIp(finding.ip);
    if (!server) throw new NotFoundError(`no server with IP ${finding.ip} in the inventory`);
    return { inventory: ports.inventory, server };
  };
  const isSet = (server: Record<string, unknown>) =>
    Object.entries(patch).every(([key, value]) => server[key] === value);
  return {
    async apply(ctx) {
      const { inventory, server } = await findServer(ctx);
      // Read first: a mark made before a crash is not made twice.
      if (isSet(server as unknown as Record<string, unknown>)) {
        return `inventory server ${server.id} already had ${describePatch(patch)}`;
      }
      await inventory.update(server.id, {
        ...patch,
        comment: `Set by ${ctx.user} with nessus-gap for ${ctx.issue.repo}#${ctx.issue.number} (${ctx.finding.category}).`,
      });
      return `inventory server ${server.id} set to ${describePatch(patch)}`;
    },
    async observe(ctx) {
      const { server } = await findServer(ctx);
      return isSet(server as unknown as Record<string, unknown>)
        ? { state: 'done', detail: `inventory server ${server.id} has ${describePatch(patch)}` }
        : {
            state: 'not_done',
            detail: `inventory server ${server.id} does not have ${describePatch(patch)} yet`,
          };
    },
  };
}

async function observePower(ports: ActionPorts, finding: Finding, wanted: 'on'): Promise<Observation> {
  const device = needDevice(finding);
  const listed = await ports.infra.listDevices(device.account, {
    powerStateForIps: new Set([finding.ip]),
  });
  const now = listed.find((d) => d.kind === device.kind && d.id === device.id);
  if (!now)
    return {
      state: 'unknown',
      detail: `${describe(device)} is no longer listed in account ${device.account}`,
    };
  if (now.powerState === wanted) return { state: 'done', detail: `SoftLayer says ${describe(device)} is on` };
  if (now.powerState === 'unknown')
    return { state: 'unknown', detail: `SoftLayer cannot tell the power state of ${describe(device)}` };
  return { state: 'not_done', detail: `SoftLayer says ${describe(device)} is still off` };
}

type FindingDevice = NonNullable<Finding['device']>;

function needDevice(finding: Finding): FindingDevice {
  if (!finding.device) throw new NotFoundError(`no device of our accounts uses ${finding.ip}`);
  return finding.device;
}

function deviceRef(device: FindingDevice): DeviceRef {
  return { account: device.account, kind: device.kind, id: device.id };
}

function describe(device: FindingDevice): string {
  return `${device.kind === 'hardware' ? 'bare metal' : 'virtual server'} ${device.hostname} (id ${device.id})`;
}

function reclaimText(finding: Finding, issue: { repo: string; number: number }, user: string): string {
  return `Please reclaim ${finding.device?.hostname ?? finding.ip} (${finding.ip}) immediately rather than at the end of the billing month: it is failing our compliance scans (${issue.repo}#${issue.number}). Requested by ${user}.`;
}

function describePatch(patch: Record<string, string>): string {
  return Object.entries(patch)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}
