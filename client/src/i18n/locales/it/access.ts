import type { Translation } from '../../messages';
import type en from '../en/access';

export default {
  title: 'Condividi',
  notShared: 'Non condiviso con nessuno.',
  team: 'Team {name}',
  canEdit: 'può modificare',
  canRead: 'può leggere',
  with: 'Con',
  choose: 'Scegli un membro o un team',
  members: 'Membri',
  teams: 'Team',
  level: 'Livello',
  read: 'Lettura',
  edit: 'Modifica',
  submit: 'Condividi',
} satisfies Translation<typeof en>;
