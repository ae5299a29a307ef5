import type { Translation } from '../../messages';
import type en from '../en/adminReminders';

export default {
  editor: {
    title: '提醒',
    none: '无',
    add: '添加提醒',
    remove: '移除',
    before: '“{field}”之前',
    units: {
      minutes: '分钟',
      hours: '小时',
      days: '天',
    },
    timeOfDay: '时间（当天几点）',
    onTheDayAt: '当天时间（可选）',
    remind: '提醒对象',
    noUsers: '此对象没有可提醒的用户字段。',
    until: '直到',
    always: '始终提醒',
    fieldIs: '{field}为…',
    doneWhen: '满足以下值时完成',
    save: '保存提醒',
  },
  words: {
    lead: {
      minutes: '{n} 分钟 | {n} 分钟',
      hours: '{n} 小时 | {n} 小时',
      days: '{n} 天 | {n} 天',
    },
    before: '提前 {lead}',
    atTheTime: '到时提醒',
    onTheDayAt: '当天 {time}',
    beforeAt: '{when}（{time}）',
    sentence: '{when}，提醒{recipients}',
    sentenceUntil: '{when}，提醒{recipients}，直到{field}为{values}',
  },
} satisfies Translation<typeof en>;
