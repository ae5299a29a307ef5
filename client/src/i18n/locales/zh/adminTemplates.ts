import type { Translation } from '../../messages';
import type en from '../en/adminTemplates';

export default {
  heading: '模板',
  loading: '正在加载模板…',
  empty: '此服务器上没有模板。',
  status: {
    notInstalled: '未安装 · 版本 {version}',
    upgradable: '已安装版本 {installed} · 可升级（版本 {version}）',
    installed: '已安装（版本 {installed}）',
  },
  withSampleData: '包含示例数据',
  previewPlan: '预览计划',
  removeSamples: '移除示例数据（{count}）',
  upToDate: '已是最新：无需更改。',
  planInstall: '安装到版本 {to} 将会：',
  planUpgrade: '从版本 {from} 升级到版本 {to} 将会：',
  install: '安装',
  upgrade: '升级',
  installing: '正在安装…',
  installed: '已安装版本 {version}。',
  samplesRemoved: '已移除 {n} 条示例记录。 | 已移除 {n} 条示例记录。',
} satisfies Translation<typeof en>;
