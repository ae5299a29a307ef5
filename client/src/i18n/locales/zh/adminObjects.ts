import type { Translation } from '../../messages';
import type en from '../en/adminObjects';

export default {
  list: {
    title: '对象',
    newObject: '新建对象',
    loading: '正在加载对象…',
    fieldCount: '无字段 | {n} 个字段 | {n} 个字段',
    standard: '标准',
    fields: '字段',
    archive: '归档',
    restore: '恢复',
    archived: '已归档对象',
    refused: '操作被拒绝。',
  },
  form: {
    singular: '名称（单数）',
    plural: '名称（复数）',
    pluralSuggestion: '{singular}',
    apiKey: 'API 键',
    icon: '图标',
    labelField: '记录名称字段',
    description: '描述',
    create: '创建对象',
  },
} satisfies Translation<typeof en>;
