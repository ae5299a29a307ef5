import type { Translation } from '../../messages';
import type en from '../en/admin';

export default {
  title: '管理',
  navigation: '管理',
  forbidden: '只有工作区的所有者和管理员可以更改其设置。请向他们申请管理员角色。',
  tabs: {
    objects: '对象与字段',
    pipelines: '销售管道',
    matching: '匹配',
    members: '成员',
    permissions: '权限',
    views: '视图',
    translations: '翻译',
    templates: '模板',
    automation: '自动化',
    webhooks: 'Webhook',
    mailTemplates: '邮件模板',
    documents: '文档模板',
    inboundMail: '收件',
    rating: '线索评分',
    webForms: '网页表单',
    campaigns: '营销活动',
    audit: '审计日志',
  },
} satisfies Translation<typeof en>;
