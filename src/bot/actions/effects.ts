/**
 * The change each button makes in the outside world, through the adapters. Each returns a one-line
 * detail for the audit log and the issue comment, or throws with the reason.
 */
import { IntegrationError, NotFoundError } from '../../errors.js';
import type { Integrations } from '../../integrations/create-integrations.js';
import type { Finding } from '../../runbook/finding.js';
import type { ActionName } from '../../runbook/model.js';
import { verbOf } from '../../runbook/report/labels.js';

/** Actions that change something outside (everything but a re-check). */
export type EffectAction = Exclude<ActionName, 'recheck'>;

export interface EffectContext {
  integrations: Integrations;
  finding: Finding;
  issue: { repo: string; number: number };
  user: string;
}

/** Inventory changes each mark makes (the runbook's Update > Environment / Application). */
export const INVENTORY_MARKS = {
  mark_notalchemy: { environment: 'NOTALCHEMY' },
  mark_pending_deletion: { environment: 'PENDING-DELETION', application: 'Pending Deletion' },
} as const;

export async function applyEffect(action: EffectAction, ctx: EffectContext): Promise<string> {
  const { finding, integrations } = ctx;
  const issueRef = `${ctx.issue.repo}#${ctx.issue.number}`;
  switch (action) {
    case 'mark_notalchemy':
    case 'mark_pending_deletion': {
      if (!integrations.inventory)
        throw new IntegrationError('inventory', 'no inventory API is configured (guided manual mode)');
      const servers = await integrations.inventory.findByIp(finding.ip);
      const server = servers[0];
      if (!server) throw new NotFoundError(`no server with IP ${finding.ip} in the inventory`);
      const patch = INVENTORY_MARKS[action];
      const already = Object.entries(patch).every(
        ([key, value]) => server[key as keyof typeof server] === value,
      );
      if (already) return `inventory server ${server.id} already had ${describePatch(patch)}`;
      await integrations.inventory.update(server.id, {
        ...patch,
        comment: `Set by ${ctx.user} with nessus-gap for ${issueRef} (${finding.category}).`,
      });
      return `inventory server ${server.id} set to ${describePatch(patch)}`;
    }
    case 'request_reclaim': {
      const ticketId = finding.device?.cancellationTicketId ?? null;
      if (ticketId === null) throw new NotFoundError(`no cancellation ticket is known for ${finding.ip}`);
      await integrations.infra.addTicketUpdate(
        ticketId,
        `Please reclaim ${finding.device?.hostname ?? finding.ip} (${finding.ip}) immediately rather than at the end of the billing month: it is failing our compliance scans (${issueRef}). Requested by ${ctx.user}.`,
      );
      return `reclaim requested on cancellation ticket ${ticketId}`;
    }
    case 'open_ipmi_ticket': {
      const device = finding.device;
      const ticket = await integrations.infra.createTicket({
        title: `Management IP ${finding.ip} of ${device?.hostname ?? 'a server'} does not answer ping`,
        body: `The management (IPMI) IP ${finding.ip} of ${device?.hostname ?? 'this server'} does not answer ping from our Nessus scanner, so it cannot be scanned. Please refresh the switch configuration for the IPMI and check that the IPMI then responds. (${issueRef}, requested by ${ctx.user})`,
        device: device ? { kind: device.kind, id: device.id } : null,
      });
      return `infrastructure ticket ${ticket.id} opened`;
    }
    case 'power_on': {
      const device = finding.device;
      if (!device) throw new NotFoundError(`no device of the account uses ${finding.ip}`);
      const what = `${device.kind === 'hardware' ? 'bare metal' : 'virtual server'} ${device.hostname} (id ${device.id})`;
      // An unreachable machine is on but does not answer: the runbook's step is a reboot.
      if (verbOf('power_on', finding.category) === 'reboot') {
        await integrations.infra.reboot({ kind: device.kind, id: device.id });
        return `reboot sent to ${what}`;
      }
      await integrations.infra.powerOn({ kind: device.kind, id: device.id });
      return `power-on sent to ${what}`;
    }
    case 'launch_scan': {
      const launched = await integrations.coverage.launchScan({ ip: finding.ip });
      return `scan "${launched.scanName}" launched (scan result ${launched.scanResultId})`;
    }
  }
}

function describePatch(patch: Record<string, string>): string {
  return Object.entries(patch)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}
