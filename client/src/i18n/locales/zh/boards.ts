import type { Translation } from '../../messages';
import type en from '../en/boards';

export default {
  unknownObject: '不存在对象“{key}”。',
  noPipeline: '{objects}还没有销售管道。管理员可以在“管理 → 销售管道”中添加。',
  noStage: '无阶段',
  view: {
    pipeline: '销售管道',
    totals: '{count} 个进行中 · 加权 {amount}',
    search: '搜索此看板',
    presence: '也在此看板上',
    onBoard: '{name} 正在查看此看板',
    presenceError: '在线状态：{error}',
    loading: '正在加载看板…',
    theCard: '该卡片',
    stayed: '{card}未被移动：{reason}',
    ok: '确定',
  },
  column: {
    limit: '上限 {limit}',
    weightedAt: '按 {percent} 加权',
    weighted: '· 加权 {amount}',
    unstagedHint: '尚未进入此管道：请将卡片拖入某个阶段。',
    overLimit: '已超过上限 {limit}',
    noCards: '没有卡片',
    dropHere: '拖放到这里',
    moreUnstaged: '还有 {n} 条：请在{table}中设置它们的阶段',
    tableLink: '表格',
    showMore: '显示更多（{n} 条未显示）',
  },
  card: {
    moving: '{name} 正在移动此卡片',
    moveTo: '将“{title}”移至阶段',
  },
  missing: {
    fillIn: '请填写以下内容，以移至“{stage}”：',
    set: '已填写',
    required: '{field}为必填项。',
    saveAndMove: '保存并移动',
  },
} satisfies Translation<typeof en>;
