/**
 * `GET /rest/currentUser` (docs.tenable.com Current User API page): the administrator's example has
 * role id "1" "Administrator" and organization id 0 "Tenable.sc Administration"; an organisation
 * user has the role it was given (here a Security Manager) and its organisation.
 */
import type { Role } from './catalog.js';
import type { ScObject } from './fields.js';

export function currentUser(role: Role): ScObject {
  if (role === 'administrator') {
    return {
      id: '1',
      username: 'admin',
      firstname: 'Admin',
      lastname: 'User',
      status: '0',
      role: {
        id: '1',
        name: 'Administrator',
        description: 'Role defining an administrator of the application',
      },
      organization: { id: 0, name: 'Tenable.sc Administration', description: '' },
    };
  }
  return {
    id: '2',
    username: 'nessus-gap',
    firstname: 'nessus-gap',
    lastname: 'bot',
    status: '0',
    role: { id: '2', name: 'Security Manager', description: '' },
    organization: { id: '1', name: 'Organization', description: '' },
  };
}
