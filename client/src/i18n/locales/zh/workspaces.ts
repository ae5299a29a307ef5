import type { Translation } from '../../messages';
import type en from '../en/workspaces';

export default {
  roles: { OWNER: '所有者', ADMIN: '管理员', MEMBER: '成员', VIEWER: '查看者' },
  switcher: {
    label: '工作区',
    none: '没有工作区',
    new: '新建工作区…',
    name: '工作区名称',
    creating: '正在创建…',
  },
  members: {
    loading: '正在加载成员…',
    empty: '还没有成员。',
  },
} satisfies Translation<typeof en>;
