import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { download, phonePhoto, uploadTo, type FileRef } from '../support/files.js';
import { defineObject } from '../support/records.js';
import { useServer } from '../support/server.js';

// FILE and IMAGE fields end to end: uploads refused by content and size, photos turned
// upright and stripped of their metadata, signed links only a member can follow, files
// ordered in the record, deleted with it and purged from the disk.

const dataDir = mkdtempSync(path.join(tmpdir(), 'crm-files-'));
const signingKey = 'ab'.repeat(32);
const server = useServer({ DATA_DIR: dataDir, FILES_MAX_MB: '1', FILES_SIGNING_KEY: signingKey });

const photos = { object: 'listing', field: 'photos' };
const contract = { object: 'listing', field: 'contract' };

async function withListing(): Promise<SignedUpUser> {
  const user = await newUser(server);
  await defineObject(user.client, { key: 'listing', labelSingular: 'Listing' }, [
    { key: 'photos', type: 'IMAGE' },
    { key: 'contract', type: 'FILE', settings: { max: 1 } },
  ]);
  return user;
}

async function upload(user: SignedUpUser, target: typeof photos, name: string, data: Uint8Array) {
  const answer = await uploadTo(user.client, target, name, data);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.file!;
}

/** A ZIP archive's first bytes: a local file header for an empty `a.txt`. */
function zipBytes(): Uint8Array {
  const header = Buffer.from('504b0304140000000000000000000000000000000000000000000500000061', 'hex');
  return new Uint8Array(Buffer.concat([header, Buffer.from('.txt'), Buffer.alloc(64)]));
}

const listingQuery = `query ($id: ID!) { listing(id: $id) { photos { id name contentType url thumbUrl } contract { id name } } }`;

describe('files', () => {
  it('keeps photos upright and without EXIF or GPS, and refuses by content and by size', async () => {
    const user = await withListing();
    const file = await upload(user, photos, 'house.jpeg', await phonePhoto());
    expect(file).toMatchObject({ name: 'house.jpeg', contentType: 'image/jpeg' });
    const thumb = await download(user.client, file.thumbUrl!);
    expect(thumb.status).toBe(200);
    const thumbMeta = await sharp(thumb.data).metadata();
    // 1200×900 with orientation 6 is 900×1200 upright; the thumbnail fits 480.
    expect([thumbMeta.width, thumbMeta.height]).toEqual([360, 480]);
    const web = await sharp((await download(user.client, file.url)).data).metadata();
    expect([web.width, web.height, web.exif, web.orientation]).toEqual([900, 1200, undefined, undefined]);

    const zipAsJpg = await uploadTo(user.client, photos, 'photo.jpg', zipBytes());
    expect(zipAsJpg.status).toBe(400);
    expect(zipAsJpg.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'FILE_TYPE_REFUSED',
      argumentPath: ['file'],
    });
    // A FILE field takes a ZIP, but not one that calls itself a JPEG.
    expect((await uploadTo(user.client, contract, 'photo.jpg', zipBytes())).status).toBe(400);
    expect((await uploadTo(user.client, contract, 'archive.zip', zipBytes())).status).toBe(201);

    const tooBig = await uploadTo(user.client, contract, 'big.pdf', new Uint8Array(1024 * 1024 + 10));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errors![0]!.extensions).toMatchObject({
      reason: 'FILE_TOO_LARGE',
      limitBytes: 1048576,
    });
  });

  it('orders files in the field, signs links for members only, deletes with the record, purges', async () => {
    const owner = await withListing();
    const [a, b] = [
      await upload(owner, photos, 'a.jpg', await phonePhoto(600, 400, '#ff0000')),
      await upload(
        owner,
        photos,
        'b.png',
        await sharp({ create: { width: 50, height: 40, channels: 4, background: '#00ff00' } })
          .png()
          .toBuffer(),
      ),
    ];
    const pdf = await upload(owner, contract, 'deal.pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF\n'));
    const { createListing } = await owner.client.data(
      `mutation ($input: ListingCreateInput!) { createListing(input: $input) { id photos { id } } }`,
      { input: { name: 'Villa', photos: [a!.id, b!.id], contract: [pdf.id] } },
    );
    expect(createListing.photos.map((p: FileRef) => p.id)).toEqual([a!.id, b!.id]);
    const id = createListing.id as string;
    await owner.client.data(
      `mutation ($id: ID!, $input: ListingUpdateInput!) { updateListing(id: $id, input: $input) { id } }`,
      { id, input: { photos: [b!.id, a!.id] } },
    );
    const { listing } = await owner.client.data(listingQuery, { id });
    expect(listing.photos.map((p: FileRef) => p.id)).toEqual([b!.id, a!.id]);
    expect(listing.contract).toEqual([{ id: pdf.id, name: 'deal.pdf' }]);

    // Bad values: a second file in a single-file field, a PDF among the photos, an unknown id.
    const refused = await owner.client.request(
      `mutation ($id: ID!, $input: ListingUpdateInput!) { updateListing(id: $id, input: $input) { id } }`,
      { id, input: { photos: [pdf.id] } },
    );
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    // A member reads the links; a stranger, a forged and an expired link do not.
    const member = await newMember(server, owner, 'VIEWER');
    const link = listing.photos[0].thumbUrl as string;
    expect((await download(member.client, link)).status).toBe(200);
    const stranger = await newUser(server);
    expect((await download(stranger.client, link)).status).toBe(404);
    expect((await download(owner.client, link.replace(/s=[^&]+/, 's=AAAA'))).status).toBe(403);
    const expires = Math.floor(Date.now() / 1000) - 1;
    const signature = createHmac('sha256', Buffer.from(signingKey, 'hex'))
      .update(`${b!.id}.thumb.${owner.workspaceId}.${expires}`)
      .digest('base64url');
    const expired = `/files/${b!.id}/thumb?w=${owner.workspaceId}&e=${expires}&s=${signature}`;
    expect((await download(owner.client, expired)).status).toBe(403);

    // Deleting the record deletes its files; restoring brings them back.
    await owner.client.data(`mutation ($id: ID!) { deleteListing(id: $id) { id } }`, { id });
    const ids = [a!.id, b!.id, pdf.id];
    expect(
      (await owner.client.data(`query ($ids: [ID!]!) { files(ids: $ids) { id } }`, { ids })).files,
    ).toEqual([]);
    expect((await download(owner.client, link)).status).toBe(404);
    await owner.client.data(`mutation ($id: ID!) { restoreListing(id: $id) { id } }`, { id });
    expect(
      (await owner.client.data(`query ($ids: [ID!]!) { files(ids: $ids) { id } }`, { ids })).files,
    ).toHaveLength(3);

    // Purge removes deleted files from the disk, and only those.
    const onDisk = (fileId: string) => existsSync(path.join(dataDir, 'files', owner.workspaceId, fileId));
    await owner.client.data(`mutation ($id: ID!) { deleteListing(id: $id) { id } }`, { id });
    expect(onDisk(a!.id)).toBe(true);
    const { purgeDeletedFiles } = await owner.client.data(`mutation { purgeDeletedFiles(olderThanDays: 0) }`);
    expect(purgeDeletedFiles).toBe(3);
    expect(ids.map(onDisk)).toEqual([false, false, false]);
  });
});
