import type { Translation } from '../../messages';
import type en from '../en/notifications';

export default {
  bell: {
    label: '通知，{count} 条未读',
    title: '通知',
    markAllRead: '全部标为已读',
    empty: '暂无通知。',
  },
  kinds: {
    REMINDER: '提醒',
    MENTION: '提及您',
    COMMENT: '您负责或关注的记录上的评论',
    ASSIGNMENT: '分配给您',
    AUTOMATION: '来自自动化规则',
    MATCH: '为您的买家找到的新匹配',
  },
  describe: {
    someone: '有人',
    mentioned: '{who} 提及了您',
    mentionedSaid: '{who} 提及了您：“{excerpt}”',
    commented: '{who} 发表了评论',
    commentedSaid: '{who} 发表了评论：“{excerpt}”',
    automation: '一条自动化规则向您发送了通知',
    match: '新匹配',
    matchSaid: '新匹配：{excerpt}',
    assigned: '{who} 将您设为{field}',
    assignee: '负责人',
    reminder: '提醒',
    reminderDue: '提醒，截止 {due}',
    late: '{text}（延迟送达）',
  },
  settings: {
    title: '通知',
    hint: '您在此工作区会收到哪些通知。应用内：铃铛。邮件：每条通知一封邮件（当工作区的服务器发送邮件时）。',
    kind: '类型',
    inApp: '应用内',
    email: '邮件',
    inAppLabel: '{kind}（应用内）',
    emailLabel: '{kind}（邮件）',
    digest: '每日未读通知邮件摘要',
    digestAt: '{hour}:00',
  },
} satisfies Translation<typeof en>;
