/** FILE and IMAGE fields: the gallery, uploads, the lightbox and file sizes. */
export default {
  size: {
    kilobytes: '{size} kB',
    megabytes: '{size} MB',
  },
  gallery: {
    view: 'View {name}',
    cover: 'Cover',
    setCover: 'Set as cover',
    moveEarlier: 'Move {name} earlier',
    moveLater: 'Move {name} later',
    remove: 'Remove {name}',
    dropPhotos: 'Drop photos here or pick them',
    dropFiles: 'Drop files here or pick them',
  },
  upload: {
    failed: 'Upload failed ({status}).',
    interrupted: 'The upload was interrupted.',
  },
  lightbox: {
    previous: 'Previous',
    next: 'Next',
    caption: '{name} ({index} / {count})',
  },
};
