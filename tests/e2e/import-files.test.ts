import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { previewQuery, uploadFile } from '../support/imports.js';
import { addFields } from '../support/records.js';
import { useServer } from '../support/server.js';

// What an upload accepts and refuses: the encodings spreadsheets export (UTF-8, UTF-16 with
// its mark, Latin-1), XLSX with typed cells, and files that are not tables or too large.

const server = useServer({ IMPORT_MAX_FILE_MB: '1' });

function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

function utf16le(text: string): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return Uint8Array.from([0xff, 0xfe, ...body]);
}

async function previewValues(
  user: SignedUpUser,
  uploadId: string,
  columns: { column: string; fieldKey: string }[],
) {
  const { importPreview } = await user.client.data(previewQuery, {
    input: {
      uploadId,
      objectKey: 'person',
      columns: columns.map((c) => ({ ...c, matchBy: null })),
      uniqueFieldKey: null,
    },
  });
  return importPreview.rows.map((r: { values: Record<string, unknown> }) => r.values);
}

describe('import files', () => {
  it('reads UTF-8, UTF-16 (BOM) and Latin-1 CSVs and XLSX, the same names each time', async () => {
    const user = await newUser(server);
    const text = 'Name;Job title\r\nJürgen Müller;Geschäftsführer\r\nSøren Åberg;Señor\r\n';
    const columns = [
      { column: 'Name', fieldKey: 'name' },
      { column: 'Job title', fieldKey: 'jobTitle' },
    ];
    const expected = [
      { name: 'Jürgen Müller', jobTitle: 'Geschäftsführer' },
      { name: 'Søren Åberg', jobTitle: 'Señor' },
    ];
    for (const [name, data, encoding] of [
      ['utf8.csv', new TextEncoder().encode(text), 'UTF-8'],
      ['utf16.csv', utf16le(text), 'UTF-16LE'],
      ['latin1.csv', latin1(text), 'ISO-8859-1'],
    ] as const) {
      const { status, body } = await uploadFile(user.client, name, data);
      expect(status, name).toBe(200);
      expect(body.upload).toMatchObject({ encoding, headers: ['Name', 'Job title'], rowCount: 2 });
      expect(await previewValues(user, body.upload!.id, columns)).toEqual(expected);
    }

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['Name', 'Phone', 'Job title']);
    sheet.addRow(['Åsa Öberg', 4420794600, 'Lead']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { body } = await uploadFile(user.client, 'people.xlsx', xlsx);
    expect(body.upload).toMatchObject({
      format: 'XLSX',
      headers: ['Name', 'Phone', 'Job title'],
      rowCount: 1,
    });
    expect(
      await previewValues(user, body.upload!.id, [
        { column: 'Name', fieldKey: 'name' },
        { column: 'Phone', fieldKey: 'phone' },
      ]),
    ).toEqual([{ name: 'Åsa Öberg', phone: '4420794600' }]);
  });

  it('refuses what is not a CSV or XLSX, a file over the limit, and an upload without the workspace header', async () => {
    const user = await newUser(server);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const refusals = [
      await uploadFile(user.client, 'picture.csv', png),
      await uploadFile(user.client, 'report.pdf', 'Name\nAnn\n'),
      await uploadFile(user.client, 'broken.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])),
      await uploadFile(user.client, 'empty.csv', ''),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(400);
      expect(refused.body.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentPath: ['file'],
      });
    }
    expect(refusals[0]!.body.errors![0]!.message).toBe('This is a PNG image, not a CSV or XLSX file.');

    const large = await uploadFile(user.client, 'large.csv', 'Name\n' + 'x'.repeat(1024 * 1024));
    expect(large.status).toBe(413);
    expect(large.body.errors![0]!.message).toBe(
      'The file is larger than the 1 MB limit; split it into smaller files.',
    );

    const { workspaceId, ...withoutWorkspace } = user.client.authHeaders();
    expect(workspaceId).toBeUndefined();
    const form = new FormData();
    form.append('file', new Blob(['Name\nAnn\n']), 'people.csv');
    const response = await fetch(`${server.url}/imports/upload`, {
      method: 'POST',
      headers: { cookie: withoutWorkspace.cookie! },
      body: form,
    });
    expect(response.status).toBe(400);
  });

  it('refuses a mapping naming a missing column or field, a field filled by upload, or matching on an unmapped field', async () => {
    const user = await newUser(server);
    await addFields(user.client, 'person', [{ key: 'portrait', type: 'IMAGE' }]);
    const { body } = await uploadFile(user.client, 'people.csv', 'Name,E-mail\nAnn,ann@example.com\n');
    const preview = (columns: object[], uniqueFieldKey: string | null) =>
      user.client.request(previewQuery, {
        input: { uploadId: body.upload!.id, objectKey: 'person', columns, uniqueFieldKey },
      });
    const cases = [
      [await preview([{ column: 'Nope', fieldKey: 'name' }], null), ['input', 'columns', '0', 'column']],
      [await preview([{ column: 'Name', fieldKey: 'nope' }], null), ['input', 'columns', '0', 'fieldKey']],
      // A cell holds text: photos and files come by upload, not through an import.
      [
        await preview([{ column: 'Name', fieldKey: 'portrait' }], null),
        ['input', 'columns', '0', 'fieldKey'],
      ],
      [await preview([{ column: 'Name', fieldKey: 'name' }], 'email'), ['input', 'uniqueFieldKey']],
    ] as const;
    for (const [response, path] of cases) {
      expect(response.body.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentPath: path,
      });
    }
  });
});
