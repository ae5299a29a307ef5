import type { Translation } from '../../messages';
import type en from '../en/adminMailTemplates';

export default {
  list: {
    title: '邮件模板',
    intro: '带合并字段（{example}）的主题和正文，适用于某一对象的记录；成员可在记录的“发送邮件”中选用。',
    empty: '还没有模板。',
    new: '新建模板',
  },
  editor: {
    newTitle: '新建模板',
    editTitle: '编辑模板',
    object: '适用于',
    name: '名称',
    subject: '主题',
    body: '正文',
    text: '纯文本部分（留空：由 HTML 生成）',
  },
  mergeFields: {
    title: '合并字段',
    hint: '点击字段，将其插入到光标位置。',
  },
  preview: {
    title: '用记录预览',
    search: '按名称查找记录',
    find: '查找',
    show: '预览',
  },
} satisfies Translation<typeof en>;
