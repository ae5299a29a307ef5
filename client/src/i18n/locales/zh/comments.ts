import type { Translation } from '../../messages';
import type en from '../en/comments';

export default {
  title: '评论',
  follow: '关注',
  following: '已关注',
  loading: '正在加载评论…',
  empty: '还没有评论。',
  formerMember: '前成员',
  edited: '（已编辑）',
  showMore: '显示更多',
  submit: '评论',
  confirmDelete: '删除这条评论？',
  placeholder: '写评论… 输入 {at} 提及他人',
  inputLabel: '评论',
  someone: '某人',
} satisfies Translation<typeof en>;
