import type { Translation } from '../../messages';
import type en from '../en/account';

export default {
  language: {
    title: '语言',
    hint: '应用界面、日期、数字以及对象和字段的名称都将以此语言显示。',
  },
} satisfies Translation<typeof en>;
