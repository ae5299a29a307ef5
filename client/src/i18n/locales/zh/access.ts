import type { Translation } from '../../messages';
import type en from '../en/access';

export default {
  title: '共享',
  notShared: '尚未与任何人共享。',
  team: '团队 {name}',
  canEdit: '可编辑',
  canRead: '可查看',
  with: '共享给',
  choose: '选择成员或团队',
  members: '成员',
  teams: '团队',
  level: '权限',
  read: '查看',
  edit: '编辑',
  submit: '共享',
} satisfies Translation<typeof en>;
