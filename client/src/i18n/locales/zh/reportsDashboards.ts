import type { Translation } from '../../messages';
import type en from '../en/reportsDashboards';

export default {
  list: {
    title: '仪表板',
    reports: '报表',
    widgets: '{n} 个组件 | {n} 个组件',
    shared: '已共享',
    private: '私有',
    empty: '还没有仪表板。',
    newName: '新仪表板',
    newNameLabel: '新仪表板的名称',
    sharedOption: '共享',
  },
  page: {
    shared: '已共享',
    private: '私有',
    allDashboards: '全部仪表板',
    addReport: '+ 报表',
    done: '完成',
    editLayout: '编辑布局',
    fullscreen: '全屏',
    leaveFullscreen: '退出全屏',
    pdf: 'PDF',
    empty: '还没有组件：创建一个报表并把它添加到此仪表板。',
  },
  widget: {
    chart: '图表',
    open: '打开',
    report: '报表',
  },
  filters: {
    dateRange: '日期范围',
    from: '从',
    to: '至',
    members: '{n} 位成员 | {n} 位成员',
    allMembers: '全部成员',
  },
  presets: {
    ANY: '不限时间',
    TODAY: '今天',
    THIS_WEEK: '本周',
    THIS_MONTH: '本月',
    LAST_MONTH: '上月',
    THIS_QUARTER: '本季度',
    THIS_YEAR: '今年',
    LAST_12_MONTHS: '最近 12 个月',
    CUSTOM: '自定义范围…',
  },
} satisfies Translation<typeof en>;
