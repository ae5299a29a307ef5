import type { Translation } from '../../messages';
import type en from '../en/files';

export default {
  size: {
    kilobytes: '{size} kB',
    megabytes: '{size} MB',
  },
  gallery: {
    view: 'Apri {name}',
    cover: 'Copertina',
    setCover: 'Usa come copertina',
    moveEarlier: 'Sposta {name} prima',
    moveLater: 'Sposta {name} dopo',
    remove: 'Rimuovi {name}',
    dropPhotos: 'Trascina qui le foto o sceglile',
    dropFiles: 'Trascina qui i file o sceglili',
  },
  upload: {
    failed: 'Caricamento non riuscito ({status}).',
    interrupted: 'Il caricamento è stato interrotto.',
  },
  lightbox: {
    previous: 'Precedente',
    next: 'Successiva',
    caption: '{name} ({index} / {count})',
  },
} satisfies Translation<typeof en>;
