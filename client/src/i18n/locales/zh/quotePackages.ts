import type { Translation } from '../../messages';
import type en from '../en/quotePackages';

export default {
  pick: '明细来源',
  choose: '请选择…',
  dealUnit: '{name}（本商机）',
  add: '添加{package}',
  packagePrice: '套餐价 {price}',
} satisfies Translation<typeof en>;
