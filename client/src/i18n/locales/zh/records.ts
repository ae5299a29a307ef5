import type { Translation } from '../../messages';
import type en from '../en/records';

export default {
  unknownObject: '不存在对象“{key}”。',
  detail: {
    missing: '该{object}不存在或已被删除。',
    backTo: '返回{objects}',
    sendMail: '发送邮件',
    share: '共享',
    offline: '无法编辑：当前没有网络连接，而修改需要服务器。连接恢复后即可继续编辑。',
    fields: '字段',
    related: '关联',
    relatedRecords: '关联记录',
    system: '系统',
    systemFields: '系统字段',
  },
} satisfies Translation<typeof en>;
