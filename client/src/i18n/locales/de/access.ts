import type { Translation } from '../../messages';
import type en from '../en/access';

export default {
  title: 'Freigeben',
  notShared: 'Für niemanden freigegeben.',
  team: 'Team {name}',
  canEdit: 'darf bearbeiten',
  canRead: 'darf lesen',
  with: 'Für',
  choose: 'Mitglied oder Team auswählen',
  members: 'Mitglieder',
  teams: 'Teams',
  level: 'Berechtigung',
  read: 'Lesen',
  edit: 'Bearbeiten',
  submit: 'Freigeben',
} satisfies Translation<typeof en>;
