import type { Translation } from '../../messages';
import type en from '../en/lines';

export default {
  columns: {
    product: '产品',
    description: '描述',
    quantity: '数量',
    unitPrice: '单价',
    discountPercent: '折扣 %',
    taxRate: '税率 %',
    net: '净额',
  },
  fields: {
    description: '描述',
    quantity: '数量',
    unitPrice: '单价',
    discountPercent: '折扣 %',
    taxRate: '税率 %',
  },
  cellLabel: '第 {position} 行的{field}',
  product: '产品',
  freeText: '自定义文本',
  removeLine: '删除第 {position} 行',
  empty: '暂无明细行。',
  editing: '{names} 正在编辑',
  conflict: {
    changed: '已被他人修改：{value}',
    keepMine: '保留我的',
    takeTheirs: '采用对方的',
  },
  add: '添加明细行',
  totals: {
    net: '净额',
    taxOn: '{base} 按 {rate} 计税',
    tax: '税额',
    total: '合计',
  },
} satisfies Translation<typeof en>;
