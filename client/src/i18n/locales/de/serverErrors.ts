import type { Translation } from '../../messages';
import type en from '../en/serverErrors';

export default {
  language: { unsupported: '„{value}“ ist keine Sprache dieser App ({allowed}).' },
} satisfies Translation<typeof en>;
