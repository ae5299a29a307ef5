import type { Translation } from '../../messages';
import type en from '../en/adminMailTemplates';

export default {
  list: {
    title: 'Modelli e-mail',
    intro:
      'Oggetto e testo con campi unione ({example}) per i record di un oggetto; i membri li scelgono da “Invia e-mail” in un record.',
    empty: 'Ancora nessun modello.',
    new: 'Nuovo modello',
  },
  editor: {
    newTitle: 'Nuovo modello',
    editTitle: 'Modifica modello',
    object: 'Per',
    name: 'Nome',
    subject: 'Oggetto',
    body: 'Testo',
    text: 'Versione solo testo (vuota: ricavata dall’HTML)',
  },
  mergeFields: {
    title: 'Campi unione',
    hint: 'Fai clic su un campo per inserirlo dove si trova il cursore.',
  },
  preview: {
    title: 'Anteprima su un record',
    search: 'Cerca un record per nome',
    find: 'Cerca',
    show: 'Anteprima',
  },
} satisfies Translation<typeof en>;
