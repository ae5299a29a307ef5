import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { query } from '../support/database.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { download, phonePhoto, uploadTo, type FileRef } from '../support/files.js';
import { defineObject } from '../support/records.js';
import { useBucket } from '../support/s3.js';
import { newServer, useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// Files in an S3-compatible bucket (s3rver, over HTTP): uploads land as objects and nowhere
// on the disk but the temp folder, downloads stream through the server's signed links, and
// both purges (the admin's and the scheduled job past FILES_PURGE_AFTER_DAYS) remove the objects.

const dataDir = mkdtempSync(path.join(tmpdir(), 'crm-files-s3-'));
const bucket = useBucket();
const server = useServer(() => ({ DATA_DIR: dataDir, FILES_PURGE_AFTER_DAYS: '2', ...bucket.env }));

const photos = { object: 'listing', field: 'photos' };
const papers = { object: 'listing', field: 'papers' };

async function withListing(): Promise<SignedUpUser> {
  const user = await newUser(server);
  await defineObject(user.client, { key: 'listing', labelSingular: 'Listing' }, [
    { key: 'photos', type: 'IMAGE' },
    { key: 'papers', type: 'FILE' },
  ]);
  return user;
}

async function upload(user: SignedUpUser, target: typeof photos, name: string, data: Uint8Array) {
  const answer = await uploadTo(user.client, target, name, data);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.file!;
}

async function objectBytes(key: string): Promise<Buffer> {
  const object = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

/** A PDF of `megabytes` (past S3's 5 MB part size: a multipart upload), of bytes that differ. */
function bigPdf(megabytes: number): Uint8Array {
  const body = Buffer.alloc(megabytes * 1024 * 1024);
  for (let i = 0; i < body.length; i++) body[i] = (i * 7919) & 255;
  return new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n'), body, Buffer.from('\n%%EOF\n')]));
}

const createListing = `mutation ($input: ListingCreateInput!) { createListing(input: $input) { id } }`;

describe('files in an S3 bucket', () => {
  it('stops the start when the bucket cannot be used', async () => {
    const start = newServer({ DATA_DIR: dataDir, ...bucket.env, FILES_S3_BUCKET: 'no-such-bucket' });
    await expect(start).rejects.toThrow(
      'The file bucket "no-such-bucket" (FILES_S3_BUCKET) cannot be used: it does not exist.',
    );
  });

  it('stores uploads as objects, not on the disk, and serves them through signed links', async () => {
    const user = await withListing();
    const photo = await upload(user, photos, 'house.jpg', await phonePhoto());
    const prefix = `${user.workspaceId}/${photo.id}/`;
    expect(await bucket.keys(prefix)).toEqual([`${prefix}thumb`, `${prefix}web`]);

    const web = await download(user.client, photo.url);
    expect(web.status).toBe(200);
    expect(web.data.equals(await objectBytes(`${prefix}web`))).toBe(true);
    const meta = await sharp(web.data).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 900, 1200, undefined]);
    expect((await download(user.client, photo.thumbUrl!)).status).toBe(200);
    // The same checks as on disk: a stranger's read of a good link is refused.
    expect((await download((await newUser(server)).client, photo.url)).status).toBe(404);

    // Past one part (5 MB): a multipart upload, streamed back whole.
    const pdf = bigPdf(12);
    const paper = await upload(user, papers, 'survey.pdf', pdf);
    const back = await download(user.client, paper.url);
    expect(back.status).toBe(200);
    expect(back.data.equals(Buffer.from(pdf))).toBe(true);

    // On the disk, only the (empty) temp folder.
    expect(readdirSync(path.join(dataDir, 'files'))).toEqual(['tmp']);
    expect(readdirSync(path.join(dataDir, 'files', 'tmp'))).toEqual([]);
    expect(existsSync(path.join(dataDir, 'files', user.workspaceId))).toBe(false);

    // An object gone behind the server's back is a 404, not a broken answer.
    await bucket.client.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: `${prefix}thumb` }));
    expect((await download(user.client, photo.thumbUrl!)).status).toBe(404);
  });

  it('removes the objects of a deleted record’s files on purge', async () => {
    const owner = await withListing();
    const photo = await upload(owner, photos, 'a.jpg', await phonePhoto(300, 200));
    const paper = await upload(owner, papers, 'deal.pdf', bigPdf(1));
    const { createListing: listing } = await owner.client.data(createListing, {
      input: { name: 'Villa', photos: [photo.id], papers: [paper.id] },
    });
    expect(await bucket.keys(`${owner.workspaceId}/`)).toHaveLength(3);
    await owner.client.data(`mutation ($id: ID!) { deleteListing(id: $id) { id } }`, { id: listing.id });
    // Deleted, not purged yet: the objects stay (a restore brings the files back).
    expect(await bucket.keys(`${owner.workspaceId}/`)).toHaveLength(3);
    const { purgeDeletedFiles } = await owner.client.data(`mutation { purgeDeletedFiles(olderThanDays: 0) }`);
    expect(purgeDeletedFiles).toBe(2);
    expect(await bucket.keys(`${owner.workspaceId}/`)).toEqual([]);
  });

  it('is purged by the scheduled job once deleted longer than FILES_PURGE_AFTER_DAYS, and only then', async () => {
    const owner = await withListing();
    const [old, recent, kept] = [
      await upload(owner, photos, 'old.jpg', await phonePhoto(300, 200)),
      await upload(owner, photos, 'recent.jpg', await phonePhoto(300, 200)),
      await upload(owner, photos, 'kept.jpg', await phonePhoto(300, 200)),
    ];
    const { createListing: listing } = await owner.client.data(createListing, {
      input: { name: 'Boat', photos: [old.id, recent.id, kept.id] },
    });
    // Two taken out of the field (deleted now); one of them as if three days ago.
    await owner.client.data(
      `mutation ($id: ID!, $input: ListingUpdateInput!) { updateListing(id: $id, input: $input) { id } }`,
      { id: listing.id, input: { photos: [kept.id] } },
    );
    await query(server.databaseUrl, `update file set deleted_at = now() - interval '3 days' where id = $1`, [
      old.id,
    ]);
    await query(
      server.databaseUrl,
      `select graphile_worker.add_job('files.purge', '{}'::json, job_key := 'files-purge', run_at := now())`,
    );
    const objects = (file: FileRef) => bucket.keys(`${owner.workspaceId}/${file.id}/`);
    await eventually(async () => (await objects(old)).length === 0, 60_000);
    expect(await query(server.databaseUrl, 'select id from file where id = $1', [old.id])).toEqual([]);
    expect(await objects(recent)).toHaveLength(2);
    expect(await objects(kept)).toHaveLength(2);
    // The job plans its next run, a day on.
    const nextRun = () =>
      query(
        server.databaseUrl,
        `select 1 from graphile_worker.jobs where key = 'files-purge' and run_at > now() + interval '23 hours'`,
      );
    await eventually(async () => (await nextRun()).length === 1, 60_000);

    // A process started with FILES_PURGE_AFTER_DAYS=0 (off) cancels the pending purge.
    const off = await newServer({
      DATA_DIR: dataDir,
      DATABASE_URL: server.databaseUrl,
      FILES_PURGE_AFTER_DAYS: '0',
      ...bucket.env,
    });
    try {
      const pending = await query(
        server.databaseUrl,
        `select 1 from graphile_worker.jobs where key = 'files-purge'`,
      );
      expect(pending).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
