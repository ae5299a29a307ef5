import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { linkIn, startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { idOf, installTemplateAs, shippedTemplateVersion } from '../support/templates.js';
import { postForm, submissionsOf } from '../support/web-forms.js';
import { eventually } from '../support/ws.js';

// Real-estate version 9 (issue 22): a viewing marked done e-mails its buyer a link to the
// "Your viewing" follow-up form, and their answer is written onto that viewing (the seller's
// summary reads it); from a buyer's matches an agent e-mails them the listings. Both go out over
// SMTP to a real SMTP server started here.

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());
const server = useServer(() => ({ SMTP_URL: smtp.url, MAIL_FROM: 'agency@example.test' }));

const mailTo = (address: string, subject: string) =>
  smtp.mail.find((m) => m.to.includes(address) && m.parsed.subject === subject);

describe('real-estate: feedback by e-mail after a viewing, matches e-mailed to the buyer', () => {
  it('e-mails the buyer a link whose form writes interest and comments onto the viewing', async () => {
    const agency = await newUser(server);
    expect(await installTemplateAs(agency, 'real-estate', true)).toMatchObject({
      toVersion: shippedTemplateVersion('real-estate'),
    });
    const viewing = await idOf(agency, 'viewings', 'Priya at Riverside');
    await agency.client.data(
      `mutation ($id: ID!) { updateViewing(id: $id, input: { status: "done" }) { id } }`,
      {
        id: viewing,
      },
    );

    const subject = 'How was your viewing of Family house by the river?';
    await eventually(() => !!mailTo('priya.nair@example.com', subject), 60_000);
    const mail = mailTo('priya.nair@example.com', subject)!;
    expect(mail.parsed.text).toContain('Dear Priya Nair');
    const link = linkIn(mail, `${server.url}/forms/`);
    const url = new URL(link);

    // The link opens the form about that viewing; a forged one opens nothing.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Priya at Riverside');
    expect(html).toContain('name="_sig"');
    const forged = new URL(link);
    forged.searchParams.set('_record', await idOf(agency, 'viewings', 'Sam at the studio'));
    expect((await fetch(forged)).status).toBe(404);

    // A post with a forged link is refused and writes nothing.
    const action = `${url.origin}${url.pathname}`;
    const refused = await postForm(action, {
      _record: forged.searchParams.get('_record')!,
      _sig: url.searchParams.get('_sig')!,
      interest: '1',
      feedback: 'Forged',
    });
    expect(refused.status).toBe(400);

    // Priya answers: the viewing has her interest and comments, written by the form.
    const answered = await postForm(action, {
      _record: url.searchParams.get('_record')!,
      _sig: url.searchParams.get('_sig')!,
      interest: '4',
      feedback: 'Lovely garden; the kitchen needs work.',
    });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('pass your feedback on to the seller');
    const { viewings } = await agency.client.data<{
      viewings: { nodes: { id: string; name: string; interest: number | null; feedback: string | null }[] };
    }>(`{ viewings(first: 20) { nodes { id name interest feedback } } }`);
    expect(viewings.nodes.find((v) => v.id === viewing)).toMatchObject({
      interest: 4,
      feedback: 'Lovely garden; the kitchen needs work.',
    });
    // No other viewing was touched, and no record was created.
    expect(viewings.nodes.find((v) => v.name === 'Sam at the studio')).toMatchObject({ interest: null });
    expect(viewings.nodes).toHaveLength(4);
    const formId = url.pathname.split('/').at(-1)!;
    expect((await submissionsOf(agency.client, formId)).map((s) => [s.outcome, s.recordId])).toEqual(
      expect.arrayContaining([
        ['UPDATED', viewing],
        ['REJECTED', null],
      ]),
    );

    // The seller's summary counts it.
    const { reports } = await agency.client.data<{ reports: { id: string; name: string }[] }>(
      `{ reports(object: "viewing") { id name } }`,
    );
    const report = reports.find((r) => r.name === 'Viewing feedback by listing')!;
    const { reportResult } = await agency.client.data<{
      reportResult: { rows: { labels: string[]; values: number[] }[] };
    }>(`query ($id: ID!) { reportResult(id: $id) { rows { labels values } } }`, { id: report.id });
    expect(reportResult.rows.find((r) => r.labels[0] === 'Family house by the river')?.values).toEqual([
      1, 4,
    ]);
  }, 180_000);

  it('e-mails a buyer the listings that match them', async () => {
    const agency = await newUser(server);
    await installTemplateAs(agency, 'real-estate', true);
    const priya = await idOf(agency, 'people', 'Priya Nair');
    const { emailMatches } = await agency.client.data<{ emailMatches: number }>(
      `mutation ($id: ID!) { emailMatches(object: "person", id: $id) }`,
      { id: priya },
    );
    expect(emailMatches).toBeGreaterThan(0);
    const subject =
      emailMatches === 1
        ? 'A match for what you are looking for'
        : `${emailMatches} matches for what you are looking for`;
    await eventually(
      () =>
        smtp.mail.filter((m) => m.to.includes('priya.nair@example.com') && m.parsed.subject === subject)
          .length > 0,
      60_000,
    );
    const mail = smtp.mail.filter((m) => m.parsed.subject === subject).at(-1)!;
    expect(mail.parsed.text).toContain('Family house by the river');
    expect(mail.parsed.text).toContain('Dear Priya Nair');
  }, 180_000);
});
