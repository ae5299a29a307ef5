import type { Translation } from '../../messages';
import type en from '../en/adminViews';

export default {
  heading: '已保存视图：',
  object: '对象',
  loading: '正在加载视图…',
  empty: '还没有已保存的视图。可在表格中通过“另存为…”保存。',
  types: { TABLE: '表格', BOARD: '看板', CALENDAR: '日历' },
  by: '创建者：{name}',
  shared: '已共享',
  private: '私有',
  makePrivate: '设为私有',
  share: '与工作区共享',
} satisfies Translation<typeof en>;
