import type { Translation } from '../../messages';
import type en from '../en/collab';

export default {
  alsoHere: '同时在线',
  isHere: '{name} 在此页面',
  isEditing: '{name} 正在编辑{field}',
  editingNow: '{names} 正在编辑 | {names} 正在编辑',
  connecting: '正在连接…',
  unavailable: '实时协作编辑不可用：{reason}',
} satisfies Translation<typeof en>;
