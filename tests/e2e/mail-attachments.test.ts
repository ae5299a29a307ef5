import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, uniqueEmail, type SignedUpUser } from '../support/client.js';
import { download, phonePhoto, uploadTo, type FileRef } from '../support/files.js';
import { addFields, errorOf, expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { eventually } from '../support/ws.js';

// Files of a record attached to the mail sent from it, over a real SMTP server: the exact bytes,
// name and type received; the files a message may carry (this record's, live, within the
// limit); a file deleted between queueing and sending fails the message, saying so.

const send = /* GraphQL */ `
  mutation ($input: SendRecordMailInput!) {
    sendRecordMail(input: $input) {
      id
      status
      attachments {
        fileId
        name
        contentType
        size
      }
    }
  }
`;

const outbox = /* GraphQL */ `
  query {
    mailOutbox(first: 50) {
      nodes {
        id
        status
        statusReason
      }
    }
  }
`;

/** A small PDF as a PDF writer starts one (file-type reads the `%PDF-` signature). */
const pdfBytes = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
  Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256)),
  Buffer.from('\n%%EOF\n'),
]);

describe('attachments from the record’s files', () => {
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());
  const server = useServer(() => ({
    SMTP_URL: smtp.url,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crm-mail-files-')),
    MAIL_MAX_ATTACHMENTS_MB: '1',
    // A refused attempt waits for an admin's retry, not for the clock.
    MAIL_RETRY_BASE_MS: '3600000',
  }));

  let admin: SignedUpUser;
  beforeAll(async () => {
    admin = await newUser(server, { name: 'Fay Files', workspaceName: 'Attachments' });
    await addFields(admin.client, 'person', [
      { key: 'documents', type: 'FILE' },
      { key: 'portrait', type: 'IMAGE', settings: { max: 1 } },
    ]);
  });

  async function upload(user: SignedUpUser, field: string, name: string, data: Uint8Array): Promise<FileRef> {
    const answer = await uploadTo(user.client, { object: 'person', field }, name, data);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.file!;
  }

  async function newPerson(user: SignedUpUser, input: Record<string, unknown>): Promise<string> {
    const { createPerson } = await user.client.data<{ createPerson: { id: string } }>(
      `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
      { input: { name: 'Ann Lee', email: uniqueEmail('ann'), ...input } },
    );
    return createPerson.id;
  }

  const mailFrom = (recordId: string, to: string, attachments: string[]) => ({
    input: { object: 'person', recordId, to, subject: 'Your papers', body: 'Attached.', attachments },
  });

  it('sends the record’s files with their exact bytes, names and types, and lists them on the timeline', async () => {
    const pdf = await upload(admin, 'documents', 'offer.pdf', pdfBytes);
    const photo = await upload(admin, 'portrait', 'face.jpg', await phonePhoto(800, 600));
    const personId = await newPerson(admin, { documents: [pdf.id], portrait: [photo.id] });
    const to = uniqueEmail('papers');

    const { sendRecordMail } = await admin.client.data(send, mailFrom(personId, to, [pdf.id, photo.id]));
    expect(sendRecordMail.attachments).toEqual([
      { fileId: pdf.id, name: 'offer.pdf', contentType: 'application/pdf', size: pdfBytes.length },
      { fileId: photo.id, name: 'face.jpg', contentType: 'image/jpeg', size: photo.size },
    ]);

    const { parsed } = await smtp.waitFor(to);
    expect(parsed.text?.trim()).toBe('Attached.');
    const received = parsed.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content.toString('base64'),
    }));
    // An image is sent as its web version (the uploaded original, with its EXIF, is not kept).
    const web = await download(admin.client, photo.url);
    expect(received).toEqual([
      { filename: 'offer.pdf', contentType: 'application/pdf', content: pdfBytes.toString('base64') },
      { filename: 'face.jpg', contentType: 'image/jpeg', content: web.data.toString('base64') },
    ]);

    const { timeline } = await admin.client.data(
      `query ($id: ID!) { timeline(object: "person", recordId: $id, first: 5, kinds: ["EMAIL"]) { nodes { data } } }`,
      { id: personId },
    );
    expect(timeline.nodes[0].data.attachments).toEqual([
      { name: 'offer.pdf', contentType: 'application/pdf', size: pdfBytes.length },
      { name: 'face.jpg', contentType: 'image/jpeg', size: photo.size },
    ]);
  });

  it('refuses files of another record, of another workspace, not in a field, twice, or over the limit', async () => {
    const own = await upload(admin, 'documents', 'own.pdf', pdfBytes);
    const personId = await newPerson(admin, { documents: [own.id] });
    const othersFile = await upload(admin, 'documents', 'other.pdf', pdfBytes);
    await newPerson(admin, { documents: [othersFile.id] });
    const loose = await upload(admin, 'documents', 'loose.pdf', pdfBytes);
    const stranger = await newUser(server, { workspaceName: 'Elsewhere' });
    await addFields(stranger.client, 'person', [{ key: 'documents', type: 'FILE' }]);
    const foreign = await upload(stranger, 'documents', 'foreign.pdf', pdfBytes);
    await newPerson(stranger, { documents: [foreign.id] });
    const to = uniqueEmail('refused');

    const another = await admin.client.request(send, mailFrom(personId, to, [own.id, othersFile.id]));
    expectBadInput(another, ['input', 'attachments', '1']);
    expect(errorOf(another).message).toBe(`attachments.1: ${othersFile.id} is not a file of this record.`);
    const workspace = await admin.client.request(send, mailFrom(personId, to, [foreign.id]));
    expectBadInput(workspace, ['input', 'attachments', '0']);
    expect(errorOf(workspace).message).toBe(`attachments.0: no such file (${foreign.id}).`);
    const notInField = await admin.client.request(send, mailFrom(personId, to, [loose.id]));
    expectBadInput(notInField, ['input', 'attachments', '0']);
    const twice = await admin.client.request(send, mailFrom(personId, to, [own.id, own.id]));
    expectBadInput(twice, ['input', 'attachments', '1']);
    expectBadInput(await admin.client.request(send, mailFrom(personId, to, ['nope'])), [
      'input',
      'attachments',
      '0',
    ]);

    // Two text files of 600 KB: each fits the 1 MB limit, together they do not.
    const big = (name: string) => upload(admin, 'documents', name, Buffer.alloc(600 * 1024, 'a'));
    const [a, b] = [await big('a.txt'), await big('b.txt')];
    const bigPerson = await newPerson(admin, { documents: [a.id, b.id] });
    const over = await admin.client.request(send, mailFrom(bigPerson, to, [a.id, b.id]));
    expectBadInput(over, ['input', 'attachments', '1']);
    expect(errorOf(over)).toMatchObject({
      message: 'attachments.1: the attachments come to 1.2 MB with b.txt, over the 1 MB limit.',
      extensions: { limitBytes: 1024 * 1024 },
    });
    await admin.client.data(send, mailFrom(bigPerson, to, [a.id]));
    await smtp.waitFor(to);
    // Nothing was queued by the refused sends: the one message is the one accepted.
    expect(smtp.mail.filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it('fails a message whose file was deleted before it was sent, saying so', async () => {
    const file = await upload(admin, 'documents', 'gone.pdf', pdfBytes);
    const personId = await newPerson(admin, { documents: [file.id] });
    const to = uniqueEmail('gone');
    smtp.refuseNext(1);
    const { sendRecordMail } = await admin.client.data(send, mailFrom(personId, to, [file.id]));
    const message = async () =>
      (await admin.client.data(outbox)).mailOutbox.nodes.find(
        (m: { id: string }) => m.id === sendRecordMail.id,
      );
    await eventually(
      async () => /attempt 1 of \d+ failed/.test((await message())?.statusReason ?? ''),
      60_000,
    );

    // Taken out of the field, the file is deleted; the admin's retry sends the message now.
    await admin.client.data(
      `mutation ($id: ID!) { updatePerson(id: $id, input: { documents: [] }) { id } }`,
      { id: personId },
    );
    await admin.client.data(`mutation ($id: ID!) { retryMail(id: $id) { id } }`, { id: sendRecordMail.id });
    await eventually(async () => (await message())?.status === 'FAILED', 60_000);
    expect(await message()).toMatchObject({
      status: 'FAILED',
      statusReason: 'not sent: its attachment gone.pdf was deleted before it was sent',
    });
    expect(smtp.mail.filter((m) => m.to.includes(to))).toHaveLength(0);
  });

  it('mails a scheduled report with the report attached in the schedule’s format', async () => {
    for (const [name, amount] of [
      ['Sloop', 1000],
      ['Ketch', 2500],
    ] as const)
      await admin.client.data(`mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`, {
        input: { name, amount: { amount, currency: 'EUR' } },
      });
    const { createReport } = await admin.client.data<{ createReport: { id: string } }>(
      `mutation ($input: CreateReportInput!) { createReport(input: $input) { id } }`,
      {
        input: {
          name: 'Deals by stage',
          definition: { object: 'deal', groupBy: [{ field: 'stage' }], measures: [{ kind: 'COUNT' }] },
        },
      },
    );
    const to = uniqueEmail('boss');
    await admin.client.data(
      `mutation ($id: ID!, $s: ReportScheduleInput) { setReportSchedule(id: $id, schedule: $s) { id } }`,
      { id: createReport.id, s: { frequency: 'DAILY', hour: 7, recipients: [to], format: 'XLSX' } },
    );
    // The schedule's job is made due now rather than waited for.
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      await db.query(`update graphile_worker._private_jobs set run_at = now() where key = $1`, [
        `report-schedule:${createReport.id}`,
      ]);
    } finally {
      await db.end();
    }

    const { parsed } = await smtp.waitFor(to);
    expect(parsed.text).toMatch(/Deals by stage, as of .*: attached as Deals by stage\.xlsx\./);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Deals by stage.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    const workbook = new ExcelJS.Workbook();
    const content = parsed.attachments[0]!.content;
    await workbook.xlsx.load(new Uint8Array(content).buffer);
    const cells: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => cells.push((row.values as unknown[]).slice(1)));
    // Both deals, in the workspace's first stage, and the total.
    expect(cells.find((row) => row[0] === 'Total')?.at(-1)).toBe(2);
    // The outbox lists it without a stored file behind it.
    const { mailOutbox } = await admin.client.data(
      `query { mailOutbox(first: 50) { nodes { to attachments { fileId name size } } } }`,
    );
    expect(mailOutbox.nodes.find((m: { to: string }) => m.to === to).attachments).toEqual([
      { fileId: null, name: 'Deals by stage.xlsx', size: content.length },
    ]);
  });
});
