import type { Translation } from '../../messages';
import type en from '../en/automation';

export default {
  status: {
    QUEUED: '排队中',
    RUNNING: '运行中',
    WAITING: '等待中',
    SUCCEEDED: '成功',
    FAILED: '失败',
    SKIPPED: '已跳过',
    LOOP_STOPPED: '被循环保护终止',
  },
  actions: {
    CREATE_RECORD: '创建记录',
    UPDATE_RECORD: '更新字段',
    ASSIGN: '分配',
    MOVE_STAGE: '变更阶段',
    ADD_COMMENT: '添加评论',
    NOTIFY: '发送通知',
    SEND_EMAIL: '发送邮件',
    CALL_WEBHOOK: '调用 Webhook',
    WAIT: '等待',
    BRANCH: '分支',
  },
  manual: {
    label: '自动化',
    running: '正在运行 {name}…',
    dismiss: '关闭',
  },
  steps: {
    starting: '正在启动…',
    none: '未执行任何步骤。',
    attempts: '尝试 {n} 次',
    input: '输入',
    output: '输出',
  },
  timeline: {
    ran: '{rule} 已运行',
    rule: '自动化：{name}',
    aRule: '某条规则',
    steps: '无步骤 | {n} 个步骤 | {n} 个步骤',
  },
} satisfies Translation<typeof en>;
