import type { Translation } from '../../messages';
import type en from '../en/serverErrors';

export default {
  value: {
    required: 'Campo obbligatorio.',
    text: 'Deve essere un testo.',
    tooLong: 'Al massimo {max} caratteri.',
    number: 'Deve essere un numero.',
    recordId: 'Scegli un record.',
    recordIds: 'Scegli dei record.',
    date: 'Deve essere una data.',
    dateTime: 'Deve essere una data con ora.',
    email: 'Deve essere un indirizzo e-mail.',
    phone: 'Deve essere un numero di telefono (cifre, spazi, + ( ) - .).',
    url: 'Deve essere un indirizzo web che inizia con http:// o https://.',
    boolean: 'Deve essere sì o no.',
    money: 'Deve essere un importo con la sua valuta.',
    currency: 'Deve essere un codice valuta come EUR o USD.',
    rating: 'Deve essere un numero intero da 1 a {max}.',
    choice: 'Scegli una delle opzioni.',
    choices: 'Scegli tra le opzioni.',
    duration: 'Deve essere una durata come 1h 30m.',
    durationMax: 'Al massimo {max} secondi.',
    tooManyFiles: 'Al massimo {max} file.',
  },
  language: { unsupported: '«{value}» non è una lingua di questa app ({allowed}).' },
} satisfies Translation<typeof en>;
