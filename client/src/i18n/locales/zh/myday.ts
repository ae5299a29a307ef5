import type { Translation } from '../../messages';
import type en from '../en/myday';

export default {
  title: '我的一天',
  noWorkspace: '您还没有加入任何工作区。在工作区菜单中选择“新建工作区…”即可创建。',
  zone: '（{zone}，{change}）',
  change: '更改',
  tasks: {
    title: '今天到期或已逾期的任务',
    none: '此工作区没有设置了负责人和截止日期的任务。',
  },
  appointments: {
    title: '未来 1 天的约会 | 未来 {n} 天的约会',
    none: '此工作区中没有属于您的日历。',
  },
  notifications: {
    title: '最近通知',
    none: '没有通知。',
    reminder: '提醒',
  },
  deals: {
    title: '我进行中的{objects}',
    titleDefault: '我进行中的商机',
    none: '此工作区没有商机。',
    empty: '没有进行中的{objects}。',
  },
  members: '成员',
  list: {
    empty: '这里什么都没有。',
    more: '在{objects}中查看更多…',
  },
} satisfies Translation<typeof en>;
