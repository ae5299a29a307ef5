import type { Translation } from '../../messages';
import type en from '../en/adminInboundMail';

export default {
  forwarding: {
    title: '转发地址',
    before: '将邮件密送或转发至',
    after: '：邮件会记录到电子邮件字段包含其地址的联系人和记录上。',
    noDomain:
      '没有转发地址：服务器未设置 {variable}。请在下方连接邮箱，或使用管理员 API 令牌将原始邮件发送到 {path}。',
  },
  mailbox: {
    title: 'IMAP 邮箱',
    status: '{user}，服务器 {host}:{port}（{security}），文件夹 {folder} · 上次读取 {lastRead}',
    errorAt: '{error}（{at}）',
    never: '从未',
    working: '运行正常。',
    test: '测试登录',
    sync: '立即读取',
    disconnect: '断开连接',
    noKey: '服务器无法保存邮箱密码：请设置 {variable}（docs/email.md）。',
  },
  form: {
    host: '服务器',
    security: '安全',
    securityNone: '无（仅限本地服务器）',
    port: '端口',
    username: '用户名',
    password: '密码',
    unchanged: '不变',
    folder: '文件夹',
    createObject: '未知发件人将成为',
    createNothing: '不创建（仅记录）',
    createNew: '新的{object}',
    saveAndTest: '保存并测试',
    connectAndTest: '连接并测试',
  },
} satisfies Translation<typeof en>;
