import type { Translation } from '../../messages';
import type en from '../en/serverErrors';

export default {
  language: { unsupported: '“{value}”不是本应用支持的语言（{allowed}）。' },
} satisfies Translation<typeof en>;
