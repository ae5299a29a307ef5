import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { download, phonePhoto, type FileRef as StoredRef } from '../support/files.js';
import { errorOf, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';
import { copyShippedTemplate, publishUntranslated, shippedTemplateVersion } from '../support/templates.js';

// Template photos (issue 19): the shipped templates' sample records come with photos in IMAGE
// fields (stored through the upload path, with thumbnails), and an upgrade from the version
// with a URL field fetches each record's photo in a durable job through the SSRF guard into
// the IMAGE field, archiving the URL field with its values; refused hosts and bodies that are
// no image leave the record as it was and say why to admins.

const previousBoats = fileURLToPath(new URL('../fixtures/templates/boat-dealer-v5.yaml', import.meta.url));
let templatesDir: string;
let shippedBoats: string;

/** A photo host on loopback: `/boat.jpg` is a JPEG, `/page.jpg` an HTML page calling itself one. */
let photoHost: http.Server;
let photoBase: string;
const served: string[] = [];

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-template-photos-'));
  for (const key of ['real-estate', 'car-dealer', 'boat-dealer'])
    await copyShippedTemplate(key, templatesDir);
  shippedBoats = await readFile(path.join(templatesDir, 'boat-dealer', 'template.yaml'), 'utf8');
  const jpeg = await phonePhoto(800, 600, '#0ea5e9');
  photoHost = http.createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url === '/boat.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    else if (req.url === '/page.jpg')
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html><body>Not a photo</body></html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => photoHost.listen(0, '127.0.0.1', resolve));
  photoBase = `127.0.0.1:${(photoHost.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => photoHost.close(resolve));
  await rm(templatesDir, { recursive: true, force: true });
});
// 127.0.0.1 is listed; `localhost` (the same machine by another name) is not.
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir, FILES_IMPORT_ALLOWED_HOSTS: '127.0.0.1' }));
const slow = 180_000;

const install = `mutation ($key: String!, $sample: Boolean!) {
  installTemplate(key: $key, withSampleData: $sample) { fromVersion toVersion steps { action target } }
}`;

interface Plan {
  fromVersion: number | null;
  toVersion: number;
  steps: { action: string; target: string }[];
}

async function installTemplate(user: SignedUpUser, key: string, sample: boolean): Promise<Plan> {
  return (await user.client.data<{ installTemplate: Plan }>(install, { key, sample })).installTemplate;
}

const fileFields = 'id name contentType width height url thumbUrl';

type FileRef = StoredRef & { width: number | null; height: number | null };

describe('the shipped templates’ sample photos', () => {
  it.each([
    ['real-estate', 'property', 'properties', 4],
    ['car-dealer', 'vehicle', 'vehicles', 3],
    ['boat-dealer', 'boat', 'boats', 4],
  ])(
    '%s installs its sample %s records with a photo each, thumbnails included, and no URL field',
    async (key, object, plural, count) => {
      const owner = await newUser(server);
      const plan = await installTemplate(owner, key, true);
      expect(plan.toVersion).toBe(shippedTemplateVersion(key));
      const data = await owner.client.data<Record<string, { nodes: { name: string; photos: FileRef[] }[] }>>(
        `{ ${plural}(first: 50) { nodes { name photos { ${fileFields} } } } }`,
      );
      const nodes = data[plural]!.nodes;
      expect(nodes).toHaveLength(count);
      for (const node of nodes) {
        expect(node.photos, node.name).toHaveLength(1);
        expect(node.photos[0]).toMatchObject({ contentType: 'image/jpeg', width: 480, height: 320 });
      }
      const thumb = await download(owner.client, nodes[0]!.photos[0]!.thumbUrl!);
      expect(thumb.status).toBe(200);
      expect((await sharp(thumb.data).metadata()).format).toBe('webp');
      const { objects } = await owner.client.data<{ objects: { key: string; fields: { key: string }[] }[] }>(
        `{ objects { key fields { key } } }`,
      );
      const fields = objects.find((o) => o.key === object)!.fields;
      expect(fields.map((f) => f.key)).toContain('photos');
      expect(fields.map((f) => f.key)).not.toContain('photoUrl');
    },
    slow,
  );
});

describe('a template copied without its sample photos', () => {
  it(
    'installs without sample data, and with it is refused naming the missing file',
    async () => {
      await mkdir(path.join(templatesDir, 'photo-less'), { recursive: true });
      await writeFile(
        path.join(templatesDir, 'photo-less', 'template.yaml'),
        shippedBoats.replace(/^key: boat-dealer$/m, 'key: photo-less'),
      );
      const owner = await newUser(server);
      const refused = await owner.client.request(install, { key: 'photo-less', sample: true });
      const error = errorOf(refused);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/sampleData\.boat\.0: photos: no file “samples\/bowrider-sea-ray\.jpg”/);
      const { objects } = await owner.client.data<{ objects: { key: string }[] }>(`{ objects { key } }`);
      expect(objects.map((o) => o.key)).not.toContain('boat');
      expect((await installTemplate(owner, 'photo-less', false)).steps).toContainEqual({
        action: 'CREATE_OBJECT',
        target: 'boat',
      });
    },
    slow,
  );
});

interface PhotoImport {
  recordId: string;
  field: string;
  url: string;
  status: string;
  error: string | null;
  fileId: string | null;
}

const importsQuery = `query ($key: String!) {
  templatePhotoImports(key: $key) { recordId object field url status error fileId attempts templateVersion }
}`;

describe('upgrading a workspace whose records hold photo URLs', () => {
  it(
    'fetches allowed photos into the IMAGE field in the background, archives the URL field with its values, keeps the admin’s changes, and records refusals',
    async () => {
      await publishUntranslated(templatesDir, 'boat-dealer', await readFile(previousBoats, 'utf8'));
      const owner = await newUser(server);
      expect((await installTemplate(owner, 'boat-dealer', false)).toVersion).toBe(5);
      const create = async (name: string, photoUrl: string) =>
        (
          await owner.client.data<{ createBoat: { id: string; version: number } }>(
            `mutation ($input: BoatCreateInput!) { createBoat(input: $input) { id version } }`,
            { input: { name, photoUrl } },
          )
        ).createBoat;
      const good = await create('Fetched', `http://${photoBase}/boat.jpg`);
      const refusedHost = await create(
        'Refused host',
        `http://localhost:${photoBase.split(':')[1]}/boat.jpg`,
      );
      const notImage = await create('Not an image', `http://${photoBase}/page.jpg`);
      const metadataHost = await create('Cloud metadata', 'http://169.254.169.254/latest/photo.jpg');
      // The admin's own change, which the upgrade keeps.
      const { objects } = await owner.client.data<{
        objects: { key: string; fields: { id: string; key: string }[] }[];
      }>(`{ objects { key fields { id key } } }`);
      const make = objects.find((o) => o.key === 'boat')!.fields.find((f) => f.key === 'make')!;
      await owner.client.data(
        `mutation ($id: ID!) { updateField(id: $id, input: { label: "Builder" }) { id } }`,
        {
          id: make.id,
        },
      );

      await writeFile(path.join(templatesDir, 'boat-dealer', 'template.yaml'), shippedBoats);
      const upgrade = await installTemplate(owner, 'boat-dealer', false);
      expect(upgrade).toMatchObject({ fromVersion: 5, toVersion: shippedTemplateVersion('boat-dealer') });
      expect(upgrade.steps).toEqual(
        expect.arrayContaining([
          { action: 'ADD_FIELD', target: 'boat.photos' },
          { action: 'ARCHIVE_FIELD', target: 'boat.photoUrl' },
          { action: 'IMPORT_PHOTOS', target: 'boat.photos' },
        ]),
      );

      // The fetches run after the upgrade committed: poll until none is pending.
      const imports = async () =>
        (
          await owner.client.data<{ templatePhotoImports: PhotoImport[] }>(importsQuery, {
            key: 'boat-dealer',
          })
        ).templatePhotoImports;
      await expect
        .poll(async () => (await imports()).filter((i) => i.status === 'PENDING').length, { timeout: 60_000 })
        .toBe(0);
      const byRecord = new Map((await imports()).map((i) => [i.recordId, i]));
      expect(byRecord.size).toBe(4);
      expect(byRecord.get(good.id)).toMatchObject({ status: 'DONE', error: null, field: 'photos' });
      expect(byRecord.get(refusedHost.id)).toMatchObject({ status: 'FAILED', fileId: null });
      expect(byRecord.get(refusedHost.id)!.error).toMatch(
        /Refused: localhost is a loopback, private or link-local/,
      );
      expect(byRecord.get(metadataHost.id)!.error).toMatch(/Refused: 169\.254\.169\.254/);
      expect(byRecord.get(notImage.id)).toMatchObject({ status: 'FAILED', fileId: null });
      expect(byRecord.get(notImage.id)!.error).toMatch(/page\.jpg.*not a file type this field takes/);
      // Only the listed host was reached, the refused ones never.
      expect(served.filter((url) => url === '/boat.jpg')).toHaveLength(1);

      const boat = async (id: string) =>
        (
          await owner.client.data<{ boat: { version: number; photos: FileRef[] } }>(
            `query ($id: ID!) { boat(id: $id) { version photos { ${fileFields} } } }`,
            { id },
          )
        ).boat;
      const fetched = await boat(good.id);
      expect(fetched.photos).toHaveLength(1);
      expect(fetched.photos[0]).toMatchObject({
        id: byRecord.get(good.id)!.fileId,
        contentType: 'image/jpeg',
      });
      // Stored as uploads are: upright (EXIF orientation applied), with a thumbnail.
      expect([fetched.photos[0]!.width, fetched.photos[0]!.height]).toEqual([600, 800]);
      const thumb = await download(owner.client, fetched.photos[0]!.thumbUrl!);
      expect(thumb.status).toBe(200);
      expect((await sharp(thumb.data).metadata()).format).toBe('webp');
      for (const untouched of [refusedHost, notImage, metadataHost]) {
        const after = await boat(untouched.id);
        expect(after).toEqual({ version: untouched.version, photos: [] });
      }

      // The URL field is archived with its values: restored, it shows them again.
      const { objects: now } = await owner.client.data<{
        objects: {
          key: string;
          fields: { key: string; label: string }[];
          archivedFields: { id: string; key: string }[];
        }[];
      }>(`{ objects { key fields { key label } archivedFields { id key } } }`);
      const boatObject = now.find((o) => o.key === 'boat')!;
      expect(boatObject.fields.find((f) => f.key === 'make')!.label).toBe('Builder');
      const archived = boatObject.archivedFields.find((f) => f.key === 'photoUrl')!;
      expect(archived).toBeDefined();
      await owner.client.data(`mutation ($id: ID!) { restoreField(id: $id) { id } }`, { id: archived.id });
      const restored = await owner.client.data<{ boat: { photoUrl: string } }>(
        `query ($id: ID!) { boat(id: $id) { photoUrl } }`,
        { id: good.id },
      );
      expect(restored.boat.photoUrl).toBe(`http://${photoBase}/boat.jpg`);

      // Installing again queues nothing twice.
      const again = await installTemplate(owner, 'boat-dealer', false);
      expect(again.steps.map((s) => s.action)).not.toContain('IMPORT_PHOTOS');
      const member = await newMember(server, owner, 'MEMBER');
      expectCode(await member.client.request(importsQuery, { key: 'boat-dealer' }), 'FORBIDDEN');
    },
    slow,
  );
});
