import { describe, expect, it } from 'vitest';
import { parseAdf } from './adf-parse.js';

const sample = `<?xml version="1.0" encoding="UTF-8"?>
<?ADF VERSION "1.0"?>
<adf>
  <prospect status="new">
    <id sequence="1" source="cars.example">A-1</id>
    <requestdate>2026-12-03T09:30:00-05:00</requestdate>
    <vehicle interest="buy" status="used">
      <year>2023</year><make>Toyota</make><model>RAV4</model><trim>XLE</trim>
      <vin>2T3P1RFV5PW123456</vin><stock>T1042</stock>
    </vehicle>
    <customer>
      <contact primarycontact="1">
        <name part="first">Jane</name><name part="last">Doe</name>
        <email>Jane.Doe@Example.com</email>
        <phone type="voice" time="day">(415) 555-0199</phone>
      </contact>
      <comments>Is it still available?</comments>
    </customer>
    <provider><name part="full">Cars Example</name></provider>
  </prospect>
</adf>`;

describe('parseAdf', () => {
  it('reads the contact, the vehicle of interest and the provider', () => {
    const parsed = parseAdf(sample);
    expect(parsed).toEqual({
      prospects: [
        {
          requestDate: '2026-12-03T09:30:00-05:00',
          name: 'Jane Doe',
          email: 'Jane.Doe@Example.com',
          phone: '(415) 555-0199',
          comments: 'Is it still available?',
          source: 'Cars Example',
          vehicles: [
            {
              interest: 'buy',
              status: 'used',
              year: '2023',
              make: 'Toyota',
              model: 'RAV4',
              trim: 'XLE',
              vin: '2T3P1RFV5PW123456',
              hin: null,
              stock: 'T1042',
            },
          ],
        },
      ],
    });
  });

  it('names what is wrong with a message', () => {
    expect(parseAdf('<adf><prospect></adf>')).toMatchObject({
      problem: expect.stringMatching(/^malformed XML at line 1/),
    });
    expect(parseAdf('<lead/>')).toEqual({ problem: 'the root element is not <adf>' });
    expect(parseAdf('<adf></adf>')).toEqual({ problem: '<adf> holds no <prospect>' });
    expect(
      parseAdf('<adf><prospect><customer><contact><name>X</name></contact></customer></prospect></adf>'),
    ).toEqual({
      problem: 'prospect 1: the contact has neither <email> nor <phone>',
    });
    expect(parseAdf('<!DOCTYPE adf [<!ENTITY x "y">]><adf/>')).toEqual({
      problem: 'a DOCTYPE or ENTITY declaration is not accepted',
    });
  });
});
