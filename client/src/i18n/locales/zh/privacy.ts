import type { Translation } from '../../messages';
import type en from '../en/privacy';

export default {
  menu: '隐私',
  export: '导出个人数据',
  erase: '删除个人数据',
  erased:
    '个人数据已删除：{fields} 个字段、{relatedRecords} 条关联记录、{comments} 条评论、{emails} 封邮件。',
  dialog: {
    title: '删除个人数据',
    body: '“{label}”的姓名、邮箱、电话、地址和文本将在此处、其历史记录、评论、邮件和关联记录中被匿名化。数字、金额、日期和关联保持不变。此操作无法撤销。',
    confirm: '输入 {word} 以确认',
    submit: '删除',
  },
} satisfies Translation<typeof en>;
