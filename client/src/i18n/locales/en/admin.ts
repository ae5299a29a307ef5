/** The admin page: its heading, the refusal for non-admins and the tabs of its screens. */
export default {
  title: 'Admin',
  navigation: 'Admin',
  forbidden:
    "Only the workspace's owners and admins can change its setup. Ask one of them for the admin role.",
  tabs: {
    objects: 'Objects & fields',
    pipelines: 'Pipelines',
    matching: 'Matching',
    members: 'Members',
    permissions: 'Permissions',
    views: 'Views',
    translations: 'Translations',
    templates: 'Templates',
    automation: 'Automation',
    webhooks: 'Webhooks',
    mailTemplates: 'E-mail templates',
    documents: 'Document templates',
    inboundMail: 'Inbound mail',
    rating: 'Lead rating',
    webForms: 'Web forms',
    campaigns: 'Campaigns',
    audit: 'Audit log',
  },
};
