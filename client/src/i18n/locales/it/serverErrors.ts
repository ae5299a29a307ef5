import type { Translation } from '../../messages';
import type en from '../en/serverErrors';

export default {
  language: { unsupported: '«{value}» non è una lingua di questa app ({allowed}).' },
} satisfies Translation<typeof en>;
