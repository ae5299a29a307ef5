import type { Translation } from '../../messages';
import type en from '../en/admin';

export default {
  title: 'Verwaltung',
  navigation: 'Verwaltung',
  forbidden:
    'Nur Inhaber und Administratoren des Arbeitsbereichs können seine Einrichtung ändern. Bitten Sie eine dieser Personen um die Administratorrolle.',
  tabs: {
    objects: 'Objekte & Felder',
    pipelines: 'Pipelines',
    matching: 'Abgleich',
    members: 'Mitglieder',
    permissions: 'Berechtigungen',
    views: 'Ansichten',
    translations: 'Übersetzungen',
    templates: 'Vorlagen',
    automation: 'Automatisierung',
    webhooks: 'Webhooks',
    mailTemplates: 'E-Mail-Vorlagen',
    documents: 'Dokumentvorlagen',
    inboundMail: 'Eingehende E-Mails',
    rating: 'Lead-Bewertung',
    webForms: 'Webformulare',
    campaigns: 'Kampagnen',
    audit: 'Audit-Protokoll',
  },
} satisfies Translation<typeof en>;
