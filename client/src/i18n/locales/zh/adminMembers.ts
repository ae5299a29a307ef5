import type { Translation } from '../../messages';
import type en from '../en/adminMembers';

export default {
  members: {
    title: '成员',
    loading: '正在加载成员…',
    role: '角色',
    remove: '移除',
    refused: '操作被拒绝。',
  },
  invite: {
    title: '邀请',
    email: '电子邮件',
    role: '角色',
    submit: '邀请',
    token: '请将此邀请码发送给受邀人（仅显示一次）；对方注册时输入：',
    pending: '待接受的邀请',
    none: '无。',
    until: '{role}，有效期至 {date}',
    revoke: '撤销',
  },
  twoFactor: {
    title: '双重验证登录',
    require: '要求所有成员使用双重验证登录',
    hint: '未启用的成员在其{link}上完成设置之前，无法访问本工作区的数据；您需要先为自己启用。',
    link: '登录安全页面',
  },
  sso: {
    title: '单点登录',
    intro: '用户通过您的 OpenID Connect 提供方登录。请在提供方处登记此重定向 URI：',
    unavailable: '服务器未设置用于加密客户端密钥的 SSO_SECRET_KEY：请联系服务器管理员进行设置。',
    issuer: '颁发者 URL',
    clientId: '客户端 ID',
    clientSecret: '客户端密钥',
    secretSaved: '已保存；输入新的密钥即可替换',
    domains: '允许加入的电子邮件域名',
    joinRole: '新加入人员的角色',
    hint: '无论域名如何，成员都通过提供方登录；这些域名下尚未成为成员的人员将以此角色加入。单点登录会话仅可访问本工作区，第二重验证由提供方负责。',
    checking: '正在检查提供方…',
    turnOff: '关闭',
  },
} satisfies Translation<typeof en>;
