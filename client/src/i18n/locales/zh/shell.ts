import type { Translation } from '../../messages';
import type en from '../en/shell';

export default {
  menu: '菜单',
  workspaceNavigation: '工作区',
  objects: '对象',
  boards: '看板',
  boardOf: '看板：{objects}',
  analytics: '分析',
  dashboards: '仪表板',
  reports: '报表',
  forecast: '预测',
  pipelineAnalytics: '销售管道分析',
  calendars: '日历',
  settings: '设置',
  admin: '管理',
  recent: '最近访问',
  search: {
    placeholder: '搜索…  ( / )',
    label: '搜索所有记录',
    empty: '没有匹配结果。',
  },
} satisfies Translation<typeof en>;
