import type { Translation } from '../../messages';
import type en from '../en/inboundMail';

export default {
  unknownSender: '未知发件人',
  noSubject: '（无主题）',
  wrote: '{sender} 来信：{subject}',
  replyTo: '· 回复“{subject}”',
  aMessageWeSent: '我们发出的一封邮件',
  recordCreated: '· 已根据此邮件创建记录',
  showLess: '收起',
  showAll: '展开全部',
} satisfies Translation<typeof en>;
