import type { Translation } from '../../messages';
import type en from '../en/serverErrors';

export default {
  value: {
    required: '必填。',
    text: '必须是文本。',
    tooLong: '最多 {max} 个字符。',
    number: '必须是数字。',
    recordId: '请选择一条记录。',
    recordIds: '请选择记录。',
    date: '必须是日期。',
    dateTime: '必须是日期和时间。',
    email: '必须是电子邮件地址。',
    phone: '必须是电话号码（数字、空格、+ ( ) - .）。',
    url: '必须是以 http:// 或 https:// 开头的网址。',
    boolean: '必须是“是”或“否”。',
    money: '必须是带货币的金额。',
    currency: '必须是货币代码，如 EUR 或 USD。',
    rating: '必须是 1 到 {max} 之间的整数。',
    choice: '请选择其中一个选项。',
    choices: '请从选项中选择。',
    duration: '必须是时长，如 1h 30m。',
    durationMax: '最多 {max} 秒。',
    tooManyFiles: '最多 {max} 个文件。',
  },
  language: { unsupported: '“{value}”不是本应用支持的语言（{allowed}）。' },
} satisfies Translation<typeof en>;
