import type { Translation } from '../../messages';
import type en from '../en/reportsForecast';

export default {
  title: '预测',
  none: '还没有对象设置销售管道。管理员可以在“管理 → 销售管道”中添加。',
  includeClosed: '包括赢单和输单',
  missingFields: '预测需要{objects}有一个金额字段（货币或数字）和一个预计成交日期字段。',
  unweighted: '未加权',
  weighted: '加权',
  byCloseMonth: '按成交月份',
  byOwner: '按负责人',
  weightedByMonthAndStage: '按月份和阶段加权',
  byCloseMonthTable: '按成交月份（表格）',
  closeMonth: '成交月份',
  owner: '负责人',
  stage: '阶段',
  noCloseDate: '无成交日期',
  noOwner: '无负责人',
} satisfies Translation<typeof en>;
