import type { Translation } from '../../messages';
import type en from '../en/adminPermissions';

export default {
  profiles: {
    title: '权限配置',
    intro:
      '权限配置按对象限定成员和查看者可访问哪些记录，以及可查看或编辑哪些字段。角色仍是上限：查看者永远不能写入。',
    everything: '全部；不适用任何配置。',
    builtInReadOnly: '内置，只读',
    builtIn: '内置',
    loading: '正在加载权限配置…',
    reset: '重置',
    new: '新建权限配置',
    objectRules: '{n} 条对象规则 | {n} 条对象规则',
    restrictedFields: '{n} 个受限字段 | {n} 个受限字段',
    summary: '{objectRules}，{restrictedFields}；其他对象：读取 {scope}',
  },
  scopes: {
    NONE: '无',
    OWN: '自己的',
    TEAM: '团队的',
    ALL: '全部',
  },
  access: {
    EDITABLE: '可编辑',
    READ_ONLY: '只读',
    HIDDEN: '隐藏',
  },
  editor: {
    name: '名称',
    object: '对象',
    read: '读取',
    create: '创建',
    update: '更新',
    delete: '删除',
    otherObjects: '其他对象（默认）',
    ruleLabel: '{object}：{action}',
    fieldsOf: '{object}字段',
    save: '保存权限配置',
  },
  memberProfiles: {
    title: '成员的权限配置',
    loading: '正在加载成员…',
    profile: '权限配置',
    roleDefault: '角色默认',
    everything: '可查看和更改全部内容',
  },
  teams: {
    title: '团队',
    empty: '还没有团队。',
    inParent: '隶属于 {team}',
    noMembers: '无成员',
    new: '新建团队',
    name: '名称',
    parent: '上级团队',
    members: '成员',
    create: '创建团队',
    save: '保存团队',
  },
  granting: {
    title: '授权字段',
    intro: '当记录的负责人是某成员，或此处勾选的某个字段指向该成员时，该记录即为该成员“自己的”记录。',
    empty: '除负责人外，没有对象包含用户字段。',
  },
} satisfies Translation<typeof en>;
