import type { Translation } from '../../messages';
import type en from '../en/workspaces';

export default {
  roles: { OWNER: 'Inhaber', ADMIN: 'Administrator', MEMBER: 'Mitglied', VIEWER: 'Betrachter' },
  switcher: {
    label: 'Arbeitsbereich',
    none: 'Kein Arbeitsbereich',
    new: 'Neuer Arbeitsbereich…',
    name: 'Name des Arbeitsbereichs',
    creating: 'Wird angelegt…',
  },
  members: {
    loading: 'Mitglieder werden geladen…',
    empty: 'Noch keine Mitglieder.',
  },
} satisfies Translation<typeof en>;
