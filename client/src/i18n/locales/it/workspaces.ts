import type { Translation } from '../../messages';
import type en from '../en/workspaces';

export default {
  roles: { OWNER: 'Proprietario', ADMIN: 'Amministratore', MEMBER: 'Membro', VIEWER: 'Lettore' },
  switcher: {
    label: 'Spazio di lavoro',
    none: 'Nessuno spazio di lavoro',
    new: 'Nuovo spazio di lavoro…',
    name: 'Nome dello spazio di lavoro',
    creating: 'Creazione…',
  },
  members: {
    loading: 'Caricamento dei membri…',
    empty: 'Ancora nessun membro.',
  },
} satisfies Translation<typeof en>;
