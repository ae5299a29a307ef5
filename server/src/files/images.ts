import path from 'node:path';
import sharp from 'sharp';

/** The content types stored as images: sharp reads them, browsers show them. */
export const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/** Long side of each stored version, in pixels. */
const sizes = { web: 2048, thumb: 480 } as const;
export type ImageVariant = keyof typeof sizes;
export const imageVariants = Object.keys(sizes) as ImageVariant[];

export interface ProcessedImage {
  width: number;
  height: number;
  /** Variant → its temp file. */
  files: Record<ImageVariant, string>;
  /** The content type of `web` (`thumb` is WebP). */
  contentType: string;
}

/**
 * The versions of an uploaded photo: upright (EXIF orientation applied) and without its
 * metadata (sharp writes none unless asked, so GPS and camera data go). The upload itself
 * is not kept: `web` (2048 px) stands for it, so no copy with the location is ever served,
 * and re-encoding a 20-megapixel original would double the upload's time.
 */
export async function processImage(
  source: string,
  tempBase: string,
  contentType: string,
): Promise<ProcessedImage> {
  // One input for both outputs; JPEG shrink-on-load keeps the thumbnail cheap.
  const input = sharp(source, { failOn: 'error', limitInputPixels: 100_000_000 }).rotate();
  const resized = (side: number) =>
    input.clone().resize(side, side, { fit: 'inside', withoutEnlargement: true });
  const web = resized(sizes.web);
  if (contentType === 'image/jpeg') web.jpeg({ quality: 85 });
  else if (contentType === 'image/png') web.png();
  else web.webp({ quality: 85 });
  const files = { web: `${tempBase}.web`, thumb: `${tempBase}.thumb` };
  const [info] = await Promise.all([
    web.toFile(files.web),
    resized(sizes.thumb).webp({ quality: 75 }).toFile(files.thumb),
  ]);
  const keepsFormat = contentType === 'image/jpeg' || contentType === 'image/png';
  return {
    width: info.width,
    height: info.height,
    files,
    contentType: keepsFormat ? contentType : 'image/webp',
  };
}

/** The stored name of an image whose web version changed format (`.gif` → `.webp`). */
export function storedImageName(name: string, contentType: string): string {
  const ext = contentType === 'image/jpeg' ? '.jpg' : `.${contentType.split('/')[1]}`;
  const current = path.extname(name).toLowerCase();
  if (current === ext || (ext === '.jpg' && current === '.jpeg')) return name;
  return `${path.basename(name, path.extname(name))}${ext}`;
}
