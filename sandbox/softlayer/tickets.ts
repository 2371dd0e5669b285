/**
 * SoftLayer_Ticket and SoftLayer_Ticket_Subject (docs/outside-apis.md section 1.12): create a standard
 * ticket, add updates (entries over 4000 characters split into 3900-character updates), attach devices, read
 * back.
 */
import type { EmulatorResponse } from '../http-kit.js';
import { argument, isId, isNonEmptyString, isRecord, maskedObject, type SoftLayerCall } from './call.js';
import { invalidMethod, notFound, publicError, SoftLayerFailure } from './errors.js';
import type { SoftLayerObject } from './mask-apply.js';
import { TICKET, ticketView } from './views.js';
import { type SoftLayerAccount, softLayerDate, type TicketRecord } from './world.js';

/** The subjects listed on SLDN (`content/python/ticket.py.md`). */
export const TICKET_SUBJECTS: readonly { id: number; name: string }[] = [
  { id: 1001, name: 'Accounting Request' },
  { id: 1002, name: 'Sales Request' },
  { id: 1003, name: 'Reboots and Console Access' },
  { id: 1004, name: 'OS Reload Question' },
  { id: 1021, name: 'Hardware Issue' },
  { id: 1022, name: 'Public Network Question' },
  { id: 1041, name: 'DNS Request' },
  { id: 1061, name: 'Private Network Question' },
  { id: 1522, name: 'API Question' },
];

const MAX_ENTRY = 4000;
const SPLIT_ENTRY = 3900;
const OPEN = { id: 1001, name: 'Open' };

function splitEntry(entry: string): string[] {
  if (entry.length <= MAX_ENTRY) return [entry];
  const parts: string[] = [];
  for (let start = 0; start < entry.length; start += SPLIT_ENTRY)
    parts.push(entry.slice(start, start + SPLIT_ENTRY));
  return parts;
}

function addEntries(
  account: SoftLayerAccount,
  record: TicketRecord,
  entry: string,
  now: number,
): SoftLayerObject[] {
  const created = splitEntry(entry).map((part) => ({
    id: account.newId(),
    ticketId: record.ticket.id,
    entry: part,
    createDate: softLayerDate(now),
    editorType: 'USER',
    editorId: 1,
  }));
  record.updates.push(...created);
  record.ticket.lastEditDate = softLayerDate(now);
  record.ticket.modifyDate = softLayerDate(now);
  return created;
}

function createStandardTicket(account: SoftLayerAccount, call: SoftLayerCall, now: number): EmulatorResponse {
  const template = argument(call, 0, 'templateObject', isRecord);
  const contents = argument(call, 1, 'contents', isNonEmptyString);
  const subjectId = Number(template.subjectId);
  const subject = TICKET_SUBJECTS.find((candidate) => candidate.id === subjectId);
  // The real wording for a bad subject is [U].
  if (!subject)
    throw new SoftLayerFailure(publicError(`Invalid ticket subject id: ${String(template.subjectId)}.`));
  const title = typeof template.title === 'string' && template.title !== '' ? template.title : subject.name;
  const record: TicketRecord = {
    ticket: {
      id: account.newId(),
      accountId: account.accountId,
      title,
      subjectId,
      subject: { ...subject },
      statusId: OPEN.id,
      status: { ...OPEN },
      createDate: softLayerDate(now),
      userEditableFlag: true,
      ...(typeof template.priority === 'number' ? { priority: template.priority } : {}),
      ...(typeof template.assignedUserId === 'number' ? { assignedUserId: template.assignedUserId } : {}),
    },
    updates: [],
    hardwareIds: [],
    virtualGuestIds: [],
  };
  addEntries(account, record, contents, now);
  account.tickets.push(record);
  // The created ticket comes back with its first update, as the brief for this emulator asks.
  return { status: 200, body: { ...record.ticket, updates: record.updates } };
}

function attach(
  account: SoftLayerAccount,
  record: TicketRecord,
  call: SoftLayerCall,
  kind: 'hardware' | 'virtualGuest',
  now: number,
): EmulatorResponse {
  const id = Number(argument(call, 0, kind === 'hardware' ? 'hardwareId' : 'guestId', isId));
  const device = kind === 'hardware' ? account.findHardware(id) : account.findVirtualGuest(id);
  if (!device) return notFound(id);
  const ids = kind === 'hardware' ? record.hardwareIds : record.virtualGuestIds;
  if (!ids.includes(id)) ids.push(id);
  return {
    status: 200,
    body: {
      id: account.newId(),
      attachmentId: id,
      ticketId: record.ticket.id,
      createDate: softLayerDate(now),
      ...(kind === 'hardware' ? { hardwareId: id } : { virtualGuestId: id }),
    },
  };
}

export function ticketService(account: SoftLayerAccount, call: SoftLayerCall, now: number): EmulatorResponse {
  if (call.initId === undefined) {
    if (call.method === 'createStandardTicket') return createStandardTicket(account, call, now);
    return invalidMethod(call.method);
  }
  const record = account.findTicket(call.initId);
  if (!record) return notFound(call.initId);
  switch (call.method) {
    case 'getObject':
      return maskedObject(call, TICKET, ticketView(account, record, true));
    case 'getUpdates':
      return { status: 200, body: record.updates };
    case 'addUpdate': {
      const update = argument(call, 0, 'updateTemplate', isRecord);
      if (!isNonEmptyString(update.entry))
        throw new SoftLayerFailure(publicError('Ticket update entry is empty.'));
      return { status: 200, body: addEntries(account, record, update.entry, now) };
    }
    case 'addAttachedHardware':
      return attach(account, record, call, 'hardware', now);
    case 'addAttachedVirtualGuest':
      return attach(account, record, call, 'virtualGuest', now);
    default:
      return invalidMethod(call.method);
  }
}

export function ticketSubjectService(call: SoftLayerCall): EmulatorResponse {
  if (call.method === 'getAllObjects') return { status: 200, body: TICKET_SUBJECTS };
  return invalidMethod(call.method);
}
