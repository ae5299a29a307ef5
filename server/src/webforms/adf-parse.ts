import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * ADF (Auto-lead Data Format, the dealer industry's XML for leads from portals): the parts
 * a CRM keeps from each <prospect>: the customer's contact, the vehicles of interest, the
 * provider (the lead's source) and the comments. Parsed by fast-xml-parser; a message that
 * is not well-formed, or not ADF, is refused with the reason.
 */

export interface AdfVehicle {
  interest: string | null;
  status: string | null;
  year: string | null;
  make: string | null;
  model: string | null;
  trim: string | null;
  vin: string | null;
  /** A boat's hull number, when a portal sends <hin> (ADF itself has only <vin>). */
  hin: string | null;
  stock: string | null;
}

export interface AdfProspect {
  requestDate: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  comments: string | null;
  vehicles: AdfVehicle[];
  /** The provider's name, else the id's source attribute. */
  source: string | null;
}

export type AdfParse = { prospects: AdfProspect[] } | { problem: string };

export const maxProspects = 20;

const listed = new Set(['prospect', 'vehicle', 'contact', 'name', 'phone', 'email', 'id']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => listed.has(name),
});

type Node = Record<string, unknown>;

/** An element's text, whether it has attributes or not. */
function textOf(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  const text = typeof first === 'object' && first !== null ? (first as Node)['#text'] : first;
  return typeof text === 'string' || typeof text === 'number' ? String(text).trim() || null : null;
}

const node = (value: unknown): Node => (typeof value === 'object' && value !== null ? (value as Node) : {});
const nodes = (value: unknown): Node[] =>
  Array.isArray(value) ? value.map(node) : value ? [node(value)] : [];

function nameOf(contact: Node): string | null {
  const names: unknown[] = Array.isArray(contact.name) ? contact.name : contact.name ? [contact.name] : [];
  const parts = names.map((n) => ({ part: String(node(n)['@part'] ?? 'full'), text: textOf(n) }));
  const full = parts.find((p) => p.part === 'full')?.text;
  if (full) return full;
  const joined = ['first', 'middle', 'last']
    .map((part) => parts.find((p) => p.part === part)?.text)
    .filter(Boolean)
    .join(' ');
  return (
    joined ||
    parts
      .map((p) => p.text)
      .filter(Boolean)
      .join(' ') ||
    null
  );
}

function vehicleOf(v: Node): AdfVehicle {
  return {
    interest: typeof v['@interest'] === 'string' ? v['@interest'] : null,
    status: typeof v['@status'] === 'string' ? v['@status'] : null,
    year: textOf(v.year),
    make: textOf(v.make),
    model: textOf(v.model),
    trim: textOf(v.trim),
    vin: textOf(v.vin),
    hin: textOf(v.hin),
    stock: textOf(v.stock),
  };
}

function prospectOf(p: Node, index: number): AdfProspect | string {
  const where = `prospect ${index + 1}`;
  const contact = nodes(node(p.customer).contact)[0];
  if (!contact) return `${where}: no <customer><contact>`;
  const name = nameOf(contact);
  const email = textOf(contact.email);
  const phone = textOf(contact.phone);
  if (!name) return `${where}: the contact has no <name>`;
  if (!email && !phone) return `${where}: the contact has neither <email> nor <phone>`;
  const provider = node(p.provider);
  const id = nodes(p.id)[0];
  return {
    requestDate: textOf(p.requestdate),
    name,
    email,
    phone,
    comments: textOf(node(p.customer).comments),
    vehicles: nodes(p.vehicle).map(vehicleOf),
    source: nameOf(provider) ?? (typeof id?.['@source'] === 'string' ? id['@source'] : null),
  };
}

export function parseAdf(xml: string): AdfParse {
  if (!xml.trim()) return { problem: 'the body is empty; send the ADF XML message' };
  // No document type: entity definitions are how XML bombs and external-entity reads start.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { problem: 'a DOCTYPE or ENTITY declaration is not accepted' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return { problem: `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` };
  const document = node(parser.parse(xml) as unknown);
  if (!('adf' in document)) return { problem: 'the root element is not <adf>' };
  const prospects = nodes(node(document.adf).prospect);
  if (!prospects.length) return { problem: '<adf> holds no <prospect>' };
  if (prospects.length > maxProspects) return { problem: `at most ${maxProspects} prospects per message` };
  const parsed = prospects.map(prospectOf);
  const problem = parsed.find((p): p is string => typeof p === 'string');
  return problem ? { problem } : { prospects: parsed as AdfProspect[] };
}
