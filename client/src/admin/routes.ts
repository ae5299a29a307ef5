import type { RouteRecordRaw } from 'vue-router';

// The admin screens load on demand: most people never open them.
const AdminPage = () => import('./AdminPage.vue');
const ObjectsAdmin = () => import('./objects/ObjectsAdmin.vue');
const FieldsAdmin = () => import('./fields/FieldsAdmin.vue');
const PipelinesAdmin = () => import('./pipelines/PipelinesAdmin.vue');
const MatchingAdmin = () => import('./matching/MatchingAdmin.vue');
const MembersAdmin = () => import('./members/MembersAdmin.vue');
const ViewsAdmin = () => import('./views/ViewsAdmin.vue');
const TranslationsAdmin = () => import('./translations/TranslationsAdmin.vue');
const TemplatesAdmin = () => import('./templates/TemplatesAdmin.vue');
const AutomationAdmin = () => import('./automation/AutomationAdmin.vue');
const RuleEditor = () => import('./automation/RuleEditor.vue');
const WebhooksAdmin = () => import('./webhooks/WebhooksAdmin.vue');
const MailTemplatesAdmin = () => import('./mail-templates/MailTemplatesAdmin.vue');
const DocumentTemplatesAdmin = () => import('./documents/DocumentTemplatesAdmin.vue');
const DocumentTemplateEditor = () => import('./documents/DocumentTemplateEditor.vue');
const InboundMailAdmin = () => import('./inbound-mail/InboundMailAdmin.vue');
const RatingModelsAdmin = () => import('../leads/RatingModelsAdmin.vue');
const WebFormsAdmin = () => import('../webforms/WebFormsAdmin.vue');
const CampaignsAdmin = () => import('./campaigns/CampaignsAdmin.vue');
const AuditLogAdmin = () => import('./audit/AuditLogAdmin.vue');
const PermissionsAdmin = () => import('./permissions/PermissionsAdmin.vue');

/** Admin routes, children of the workspace shell (`admin/...`); AdminPage turns away non-admins. */
export const adminRoutes: RouteRecordRaw[] = [
  {
    path: 'admin',
    component: AdminPage,
    children: [
      { path: '', redirect: '/admin/objects' },
      { path: 'objects', name: 'admin-objects', component: ObjectsAdmin },
      { path: 'objects/:object', name: 'admin-fields', component: FieldsAdmin },
      { path: 'pipelines', name: 'admin-pipelines', component: PipelinesAdmin },
      { path: 'matching', name: 'admin-matching', component: MatchingAdmin },
      { path: 'members', name: 'admin-members', component: MembersAdmin },
      { path: 'permissions', name: 'admin-permissions', component: PermissionsAdmin },
      { path: 'views', name: 'admin-views', component: ViewsAdmin },
      { path: 'translations', name: 'admin-translations', component: TranslationsAdmin },
      { path: 'templates', name: 'admin-templates', component: TemplatesAdmin },
      { path: 'automation', name: 'admin-automation', component: AutomationAdmin },
      { path: 'automation/:id', name: 'admin-automation-rule', component: RuleEditor },
      { path: 'webhooks', name: 'admin-webhooks', component: WebhooksAdmin },
      { path: 'mail-templates', name: 'admin-mail-templates', component: MailTemplatesAdmin },
      { path: 'documents', name: 'admin-documents', component: DocumentTemplatesAdmin },
      { path: 'documents/:id', name: 'admin-document-template', component: DocumentTemplateEditor },
      { path: 'inbound-mail', name: 'admin-inbound-mail', component: InboundMailAdmin },
      { path: 'rating', name: 'admin-rating', component: RatingModelsAdmin },
      { path: 'web-forms', name: 'admin-web-forms', component: WebFormsAdmin },
      { path: 'campaigns', name: 'admin-campaigns', component: CampaignsAdmin },
      { path: 'audit', name: 'admin-audit', component: AuditLogAdmin },
    ],
  },
];
