import type { Translation } from '../../messages';
import type en from '../en/files';

export default {
  size: {
    kilobytes: '{size} KB',
    megabytes: '{size} MB',
  },
  gallery: {
    view: '查看 {name}',
    cover: '封面',
    setCover: '设为封面',
    moveEarlier: '将 {name} 前移',
    moveLater: '将 {name} 后移',
    remove: '移除 {name}',
    dropPhotos: '将照片拖到此处，或点击选择',
    dropFiles: '将文件拖到此处，或点击选择',
  },
  upload: {
    failed: '上传失败（{status}）。',
    interrupted: '上传已中断。',
  },
  lightbox: {
    previous: '上一张',
    next: '下一张',
    caption: '{name}（{index} / {count}）',
  },
} satisfies Translation<typeof en>;
