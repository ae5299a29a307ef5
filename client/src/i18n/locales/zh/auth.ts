import type { Translation } from '../../messages';
import type en from '../en/auth';

export default {
  email: '电子邮箱',
  password: '密码',
  signIn: {
    title: '登录',
    forgot: '忘记密码？',
    submit: '登录',
    pending: '正在登录…',
    newHere: '第一次使用？',
    createAccount: '创建账户',
  },
  code: {
    intro: '请输入身份验证器应用中的六位数验证码，或您的一个恢复码。',
    label: '验证码',
    submit: '登录',
    pending: '正在验证…',
    restart: '重新开始',
  },
  passkey: {
    submit: '使用通行密钥登录',
    pending: '正在等待您的通行密钥…',
    errors: {
      alreadyRegistered: '此设备已保存您账户的通行密钥。',
      cancelled: '通行密钥请求已取消或超时，请重试。',
      browser: '您的浏览器无法使用通行密钥：{detail}',
      browserUnknown: '您的浏览器无法使用通行密钥。',
    },
  },
  sso: {
    open: '使用单点登录',
    email: '工作邮箱',
    submit: '继续单点登录',
    errors: {
      noWorkspace: '没有工作区为此邮箱的域名启用单点登录。',
      domainNotAllowed: '您邮箱的域名不能通过单点登录加入此工作区。请联系管理员邀请您。',
      emailNotVerified: '您的身份提供商尚未验证您的邮箱地址。',
      expired: '此次登录已过期，或是在另一个浏览器中发起的。请重新开始。',
      providerError: '无法接受身份提供商的响应。请重新开始。',
      rateLimited: '尝试次数过多。请等待一分钟后重试。',
      other: '单点登录未成功。请重新开始。',
    },
  },
  signUp: {
    title: '创建账户',
    titleInvited: '加入您的团队',
    invited: '您受邀使用 {email} 加入：请填写您的姓名并设置密码。',
    name: '您的姓名',
    passwordHint: '至少 {count} 个字符，且不易猜到：几个不常见的词组合起来效果很好。',
    workspaceName: '工作区名称（可选）',
    workspacePlaceholder: '您的公司或团队',
    submit: '创建账户',
    submitInvited: '加入',
    pending: '正在创建您的账户…',
    haveAccount: '已有账户？',
    signIn: '登录',
  },
  forgot: {
    title: '忘记密码？',
    sent: '如果有账户使用 {email}，设置新密码的链接已发出，有效期为一小时。',
    submit: '给我发送链接',
    pending: '正在发送…',
    back: '返回登录',
  },
  reset: {
    title: '设置新密码',
    done: '您的密码已更改，所有会话均已退出。请用新密码{signIn}。',
    signIn: '登录',
    newPassword: '新密码',
    submit: '保存新密码',
  },
  verify: {
    title: '确认您的邮箱地址',
    checking: '正在检查链接…',
    done: '您的地址已确认。',
    continue: '继续',
  },
  userMenu: {
    accountTitle: '{email}：您的账户和 API 令牌',
    signOut: '退出登录',
  },
} satisfies Translation<typeof en>;
