import type { Translation } from '../../messages';
import type en from '../en/documents';

export default {
  title: '文档',
  template: '模板',
  prepare: '准备',
  generate: '生成',
  generating: '正在生成…',
  removed: '（已删除）',
  version: '版本 {version}',
  drafts: {
    label: '准备 {name}',
    title: '准备“{name}”',
    reset: '恢复默认',
    generatePdf: '生成 PDF',
  },
} satisfies Translation<typeof en>;
