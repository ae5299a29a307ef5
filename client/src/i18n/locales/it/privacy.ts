import type { Translation } from '../../messages';
import type en from '../en/privacy';

export default {
  menu: 'Privacy',
  export: 'Esporta i dati personali',
  erase: 'Cancella i dati personali',
  erased:
    'Dati personali cancellati: {fields} campi, {relatedRecords} record collegati, {comments} commenti, {emails} e-mail.',
  dialog: {
    title: 'Cancella i dati personali',
    body: 'Nome, e-mail, telefono, indirizzo e testi di «{label}» vengono resi anonimi qui, nella sua cronologia, nei commenti, nelle e-mail e nei record collegati. Numeri, importi, date e collegamenti restano. L’operazione non si può annullare.',
    confirm: 'Digita {word} per confermare',
    submit: 'Cancella',
  },
} satisfies Translation<typeof en>;
