import type { Translation } from '../../messages';
import type en from '../en/admin';

export default {
  title: 'Amministrazione',
  navigation: 'Amministrazione',
  forbidden:
    'Solo i proprietari e gli amministratori dello spazio di lavoro possono modificarne la configurazione. Chiedi a uno di loro il ruolo di amministratore.',
  tabs: {
    objects: 'Oggetti e campi',
    pipelines: 'Pipeline',
    matching: 'Abbinamenti',
    members: 'Membri',
    permissions: 'Permessi',
    views: 'Viste',
    translations: 'Traduzioni',
    templates: 'Modelli',
    automation: 'Automazioni',
    webhooks: 'Webhook',
    mailTemplates: 'Modelli e-mail',
    documents: 'Modelli di documento',
    inboundMail: 'Posta in arrivo',
    rating: 'Valutazione lead',
    webForms: 'Moduli web',
    campaigns: 'Campagne',
    audit: 'Registro attività',
  },
} satisfies Translation<typeof en>;
