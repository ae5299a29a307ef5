import type { Translation } from '../../messages';
import type en from '../en/adminWebhooks';

export default {
  list: {
    title: 'Webhook',
    intro: '记录事件以签名 JSON 通过 POST 发送到您的 URL（请求头 {header}），失败后在 24 小时内重试。',
    empty: '还没有 Webhook。',
    everyObject: '所有对象',
    everyEvent: '所有事件',
    enabled: '已启用',
    deliveries: '投递记录',
    hideDeliveries: '隐藏投递记录',
    newSecret: '新密钥',
    secret: '签名密钥（仅显示一次；请保存在接收端）：',
    refused: '操作被拒绝。',
  },
  events: {
    CREATE: '创建',
    UPDATE: '更新',
    DELETE: '删除',
    RESTORE: '恢复',
  },
  form: {
    title: '新建 Webhook',
    name: '名称',
    url: 'URL',
    objects: '对象（不选：所有对象）',
    events: '事件（不选：所有事件）',
    create: '创建 Webhook',
  },
  deliveries: {
    replayAfter: '重新发送此变更 ID 之后的所有变更',
    replay: '重放',
    empty: '还没有投递记录。',
    change: '变更',
    event: '事件',
    status: '状态',
    attempts: '尝试次数',
    answer: '响应',
    objectEvent: '{object} {event}',
    redeliver: '重新投递',
    statuses: {
      PENDING: '待投递',
      DELIVERED: '已投递',
      RETRYING: '重试中',
      FAILED: '失败',
    },
  },
} satisfies Translation<typeof en>;
