import type { Translation } from '../../messages';
import type en from '../en/adminCampaigns';

export default {
  list: {
    title: '营销活动',
    intro:
      '向已保存视图中的记录发送邮件。每封邮件都带有退订链接；已退订和已屏蔽的地址会被跳过。不跟踪打开情况。',
    empty: '还没有营销活动。',
    deletedView: '已删除的视图',
    counts:
      '已发送 {sent}/{recipients} · 排队中 {queued} · 失败 {failed} · 退信 {bounced} · 已退订 {unsubscribed} · 已屏蔽 {suppressed} · 无地址 {noAddress}',
    cancel: '取消',
  },
  status: {
    SCHEDULED: '已计划',
    QUEUEING: '正在排队',
    SENDING: '正在发送',
    DONE: '已完成',
    FAILED: '失败',
    CANCELLED: '已取消',
  },
  form: {
    title: '新建营销活动',
    name: '名称',
    audience: '收件人（已保存视图）',
    chooseView: '选择视图',
    template: '模板',
    noTemplate: '无：在下方撰写邮件',
    subject: '主题',
    message: '正文',
    sendAt: '发送时间（留空：立即）',
    throttle: '最多（留空：不限）',
    per: '每',
    perMinute: '每分钟',
    perSecond: '每秒',
    create: '创建营销活动',
  },
  suppression: {
    title: '屏蔽列表',
    intro: '本工作区的邮件不会发送到这些地址（邀请等账户邮件除外）。',
    add: '添加地址（用空格或逗号分隔）',
    suppress: '屏蔽',
    search: '搜索',
    remove: '移除',
    reason: {
      ADMIN: '由管理员添加',
      UNSUBSCRIBED: '已退订',
      BOUNCED: '退信',
    },
  },
} satisfies Translation<typeof en>;
