import type { Translation } from '../../messages';
import type en from '../en/calendar';

export default {
  unknownObject: '不存在对象“{key}”。',
  table: '表格',
  view: '日历视图',
  allRecords: '全部{objects}',
  field: '日期字段',
  byField: '按{field}',
  noDateField: '{objects}没有可用于在日历上显示的日期字段。管理员可以添加一个。',
  previous: '‹ 上个月',
  today: '今天',
  next: '下个月 ›',
  tooMany: '仅显示前 {shown} 条（共 {total} 条）：请用视图缩小范围。',
  empty: '{month}没有按{field}排列的{objects}。',
  emptyNoField: '{month}没有{objects}。',
  newOn: '在{date}新建{object}',
} satisfies Translation<typeof en>;
