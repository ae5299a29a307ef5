import type { Translation } from '../../messages';
import type en from '../en/files';

export default {
  size: {
    kilobytes: '{size} kB',
    megabytes: '{size} MB',
  },
  gallery: {
    view: '{name} ansehen',
    cover: 'Titelbild',
    setCover: 'Als Titelbild festlegen',
    moveEarlier: '{name} nach vorne verschieben',
    moveLater: '{name} nach hinten verschieben',
    remove: '{name} entfernen',
    dropPhotos: 'Fotos hierher ziehen oder auswählen',
    dropFiles: 'Dateien hierher ziehen oder auswählen',
  },
  upload: {
    failed: 'Hochladen fehlgeschlagen ({status}).',
    interrupted: 'Das Hochladen wurde unterbrochen.',
  },
  lightbox: {
    previous: 'Vorheriges',
    next: 'Nächstes',
    caption: '{name} ({index} / {count})',
  },
} satisfies Translation<typeof en>;
