import type { Translation } from '../../messages';
import type en from '../en/adminTranslations';

export default {
  heading: '翻译',
  object: '对象',
  language: '语言',
  hint: '其他语言的名称，与默认文本并列显示。翻译留空时显示默认文本；每个人都会看到自己所选语言的名称。',
  columns: {
    kind: '类型',
    default: '默认',
    translation: '翻译',
  },
  inputLabel: '“{label}”的翻译',
  saved: '已保存。',
  kinds: {
    object: '对象',
    field: '字段',
    helpText: '帮助文本',
    choice: '选项',
    stage: '阶段',
    pipeline: '管道',
    view: '视图',
  },
} satisfies Translation<typeof en>;
