import type { Translation } from '../../messages';
import type en from '../en/offline';

export default {
  banner: '离线——正在显示 {time} 保存的副本。恢复连接前无法编辑。',
} satisfies Translation<typeof en>;
