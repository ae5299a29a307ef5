import type { Translation } from '../../messages';
import type en from '../en/matching';

export default {
  title: '匹配结果',
  empty: '没有匹配结果。',
  emailThem: '通过邮件发送这些匹配结果',
  queued: '邮件已排队，不含匹配结果。 | 邮件已排队，含 {n} 条匹配结果。 | 邮件已排队，含 {n} 条匹配结果。',
} satisfies Translation<typeof en>;
