/**
 * SoftLayer_Account: the account's devices, subnets and tickets (docs/outside-apis.md sections 1.9 and 1.12).
 */
import type { EmulatorResponse } from '../http-kit.js';
import { maskedList, maskedObject, type SoftLayerCall } from './call.js';
import { invalidMethod } from './errors.js';
import type { SoftLayerObject } from './mask-apply.js';
import {
  type Datatype,
  HARDWARE,
  hardwareView,
  isOpenTicket,
  SUBNET,
  TICKET,
  ticketView,
  VIRTUAL_GUEST,
  virtualGuestView,
} from './views.js';
import type { SoftLayerAccount } from './world.js';

const ACCOUNT_TYPE: Datatype = { name: 'SoftLayer_Account', isA: ['SoftLayer_Account'], invalid: new Set() };

export function accountService(account: SoftLayerAccount, call: SoftLayerCall): EmulatorResponse {
  const tickets = (open: boolean): SoftLayerObject[] =>
    account.tickets
      .filter((record) => !open || isOpenTicket(record.ticket))
      .map((record) => ticketView(account, record, true));
  switch (call.method) {
    case 'getObject':
      return maskedObject(call, ACCOUNT_TYPE, {
        id: account.accountId,
        companyName: 'Emulated account',
        email: 'ops@example.internal',
      });
    case 'getHardware':
      return maskedList(
        call,
        HARDWARE,
        'hardware',
        account.hardware.map((hw) => hardwareView(account, hw)),
      );
    case 'getVirtualGuests':
      return maskedList(
        call,
        VIRTUAL_GUEST,
        'virtualGuests',
        account.virtualGuests.map((guest) => virtualGuestView(account, guest)),
      );
    case 'getSubnets':
      return maskedList(call, SUBNET, 'subnets', account.subnets);
    case 'getOpenTickets':
      return maskedList(call, TICKET, 'openTickets', tickets(true));
    case 'getTickets':
      return maskedList(call, TICKET, 'tickets', tickets(false));
    default:
      return invalidMethod(call.method);
  }
}
