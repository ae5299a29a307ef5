import type { Translation } from '../../messages';
import type en from '../en/boards';

export default {
  unknownObject: 'Es gibt kein Objekt „{key}“.',
  noPipeline:
    '{objects} haben noch keine Pipeline. Ein Administrator kann eine unter Verwaltung → Pipelines anlegen.',
  noStage: 'Ohne Phase',
  view: {
    pipeline: 'Pipeline',
    totals: '{count} offen · gewichtet {amount}',
    search: 'Dieses Board durchsuchen',
    presence: 'Ebenfalls auf diesem Board',
    onBoard: '{name} ist auf diesem Board',
    presenceError: 'Anwesenheit: {error}',
    loading: 'Board wird geladen…',
    theCard: 'Die Karte',
    stayed: '{card} wurde nicht verschoben: {reason}',
    ok: 'OK',
  },
  column: {
    limit: 'Limit {limit}',
    weightedAt: 'Gewichtet mit {percent}',
    weighted: '· {amount} gewichtet',
    unstagedHint: 'Noch nicht in dieser Pipeline: Ziehen Sie eine Karte in eine Phase.',
    overLimit: 'Über dem Limit von {limit}',
    noCards: 'Keine Karten',
    dropHere: 'Hier ablegen',
    moreUnstaged: 'und {n} weitere: Legen Sie ihre Phase in der {table} fest',
    tableLink: 'Tabelle',
    showMore: 'Mehr anzeigen ({n} ausgeblendet)',
  },
  card: {
    moving: '{name} verschiebt diese Karte',
    moveTo: '„{title}“ in Phase verschieben',
  },
  missing: {
    fillIn: 'Zum Verschieben nach „{stage}“ bitte ausfüllen:',
    set: 'gesetzt',
    required: '{field} ist ein Pflichtfeld.',
    saveAndMove: 'Speichern und verschieben',
  },
} satisfies Translation<typeof en>;
