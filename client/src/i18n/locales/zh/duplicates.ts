import type { Translation } from '../../messages';
import type en from '../en/duplicates';

export default {
  page: {
    title: '重复的{objects}',
    back: '返回列表',
    looking: '正在查找重复项…',
    empty: '没有疑似重复项。',
    same: '相同字段：{fields}',
    merge: '合并…',
  },
  hint: {
    possible: '可能与以下记录重复：',
  },
  merge: {
    label: '合并记录',
    title: '合并 {count} 条{objects}',
    explain:
      '保留的记录将继承其他记录的全部商机、活动、评论和历史；其他记录将被删除。点击某个值即可保留该值。',
    field: '字段',
    keep: '保留 {label}',
    done: '已合并。您可以撤销此操作。',
    merging: '正在合并…',
    submit: '合并',
    undo: '撤销合并',
  },
} satisfies Translation<typeof en>;
