import type { Translation } from '../../messages';
import type en from '../en/imports';

export default {
  title: '导入{objects}',
  file: 'CSV 或 XLSX 文件（不超过 50 MB；第一行为列名）',
  uploadFailed: '上传失败（{status}）。',
  rows: '0 行 | {n} 行 | {n} 行',
  mapping: {
    saved: '已保存的映射',
    column: '列',
    field: '字段',
    fieldFor: '{column} 对应的字段',
    leaveOut: '（不导入）',
    updateWhose: '更新 {field} 相同的记录',
    alwaysCreate: '（始终新建）',
    dates: '日期格式',
    decimalSeparator: '小数分隔符',
    name: '映射名称',
    save: '保存映射',
    preview: '预览',
  },
  preview: {
    summary: '{rows}：{toCreate} 条新建，{toUpdate} 条更新，{errors}（将跳过）。',
    withErrors: '{n} 条有错误',
    line: '行号',
    column: '列',
    error: '错误',
    back: '返回映射',
    start: '导入',
  },
  run: {
    another: '导入其他文件',
    progress: '{status} · {processed} / {rows} · 新建 {created} 条，更新 {updated} 条，跳过 {skipped} 条',
    status: {
      QUEUED: '排队中',
      RUNNING: '导入中',
      DONE: '已完成',
      FAILED: '失败',
      UNDOING: '撤销中',
      UNDONE: '已撤销',
    },
  },
  history: {
    title: '导入历史',
    empty: '暂无导入记录。',
    undo: '撤销导入',
  },
} satisfies Translation<typeof en>;
