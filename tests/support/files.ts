import sharp from 'sharp';
import type { TestClient } from './client.js';

// Files through their real doors: the multipart upload and signed download links.

export interface FileRef {
  id: string;
  name: string;
  size: number;
  contentType: string;
  url: string;
  thumbUrl: string | null;
}

export interface FileUploadAnswer {
  status: number;
  body: { file?: FileRef; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** POST /files for `object`'s `field`, with `data` as the multipart field `file`. */
export async function uploadTo(
  client: TestClient,
  target: { object: string; field: string },
  name: string,
  data: Uint8Array,
): Promise<FileUploadAnswer> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const query = new URLSearchParams(target).toString();
  const response = await fetch(`${client.server.url}/files?${query}`, {
    method: 'POST',
    headers: client.authHeaders(),
    body: form,
  });
  return { status: response.status, body: (await response.json()) as FileUploadAnswer['body'] };
}

/** GET a signed link (a path from the API) with the client's credentials. */
export async function download(client: TestClient, url: string): Promise<{ status: number; data: Buffer }> {
  const { ['x-workspace-id']: _ignored, ...headers } = client.authHeaders();
  const response = await fetch(`${client.server.url}${url}`, { headers });
  return { status: response.status, data: Buffer.from(await response.arrayBuffer()) };
}

/**
 * A JPEG as a phone writes it: landscape pixels with EXIF orientation 6 (turn right to see
 * it upright), the camera's make and a GPS position.
 */
export async function phonePhoto(width = 1200, height = 900, colour = '#3b82f6'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 24/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 7/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}
