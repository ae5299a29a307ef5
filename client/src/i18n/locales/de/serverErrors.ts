import type { Translation } from '../../messages';
import type en from '../en/serverErrors';

export default {
  value: {
    required: 'Pflichtfeld.',
    text: 'Muss Text sein.',
    tooLong: 'Höchstens {max} Zeichen.',
    number: 'Muss eine Zahl sein.',
    recordId: 'Bitte einen Datensatz wählen.',
    recordIds: 'Bitte Datensätze wählen.',
    date: 'Muss ein Datum sein.',
    dateTime: 'Muss Datum und Uhrzeit sein.',
    email: 'Muss eine E-Mail-Adresse sein.',
    phone: 'Muss eine Telefonnummer sein (Ziffern, Leerzeichen, + ( ) - .).',
    url: 'Muss eine Webadresse mit http:// oder https:// sein.',
    boolean: 'Muss Ja oder Nein sein.',
    money: 'Muss ein Betrag mit Währung sein.',
    currency: 'Muss ein Währungscode wie EUR oder USD sein.',
    rating: 'Muss eine ganze Zahl von 1 bis {max} sein.',
    choice: 'Bitte eine der Optionen wählen.',
    choices: 'Bitte aus den Optionen wählen.',
    duration: 'Muss eine Dauer wie 1h 30m sein.',
    durationMax: 'Höchstens {max} Sekunden.',
    tooManyFiles: 'Höchstens {max} Dateien.',
  },
  language: { unsupported: '„{value}“ ist keine Sprache dieser App ({allowed}).' },
} satisfies Translation<typeof en>;
