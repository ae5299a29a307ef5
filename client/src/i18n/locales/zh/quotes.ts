import type { Translation } from '../../messages';
import type en from '../en/quotes';

export default {
  panel: {
    title: '报价单',
    empty: '暂无报价单。',
    untitled: '报价单',
    validUntil: '有效期至 {date}',
  },
  status: {
    DRAFT: '草稿',
    SENT: '已发送',
    ACCEPTED: '已接受',
    DECLINED: '已拒绝',
    EXPIRED: '已过期',
  },
  moves: {
    send: '发送',
    accept: '接受',
    decline: '拒绝',
    markExpired: '标记为已过期',
    backToDraft: '退回草稿',
  },
  create: {
    title: '标题',
    currency: '币种',
    validUntil: '有效期至',
    submit: '新建报价单',
  },
  terms: {
    title: '标题',
    validUntil: '有效期至',
    changed: '已被他人修改：{value}',
    nothing: '（空）',
    keepMine: '保留我的',
    takeTheirs: '采用对方的',
    save: '保存条款',
  },
  invoice: {
    make: '生成发票',
    issued: '发票 {number} 已开具',
    draft: '已创建发票草稿（开具时编号）',
    issue: '开具',
  },
} satisfies Translation<typeof en>;
