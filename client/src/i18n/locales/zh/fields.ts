import type { Translation } from '../../messages';
import type en from '../en/fields';

export default {
  types: {
    TEXT: '文本',
    LONG_TEXT: '长文本',
    NUMBER: '数字',
    CURRENCY: '金额',
    PERCENT: '百分比',
    BOOLEAN: '是 / 否',
    DATE: '日期',
    DATETIME: '日期和时间',
    SELECT: '单选',
    MULTI_SELECT: '多选',
    STAGE: '阶段',
    EMAIL: '电子邮件',
    PHONE: '电话',
    URL: '网址',
    RATING: '评分',
    DURATION: '时长',
    USER: '成员',
    RELATION: '关联',
    FILE: '文件',
    IMAGE: '图片',
  },
  percent: '{n}%',
  file: '文件',
  empty: '空',
  currency: {
    amount: '{field}金额',
    code: '{field}币种',
  },
  rating: {
    star: '{n}/{max}',
    clear: '不评分',
    stars: '{n} 星 | {n} 星',
  },
  relation: {
    find: '查找{object}…',
    findRecord: '查找记录…',
    remove: '移除{name}',
    noMatches: '没有匹配项。',
  },
} satisfies Translation<typeof en>;
