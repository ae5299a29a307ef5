import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  countsDocument,
  labelsDocument,
  recordDocuments,
  searchDocument,
  shownFields,
} from './record-documents';
import { groupFilter } from './table/use-group-counts';
import { fieldOf, objectOf } from './testing-metadata';

const relation = (target: string, kind: 'MANY_TO_ONE' | 'ONE_TO_MANY' | 'MANY_TO_MANY') => ({
  relation: { kind, targetObjectKey: target, inverseFieldKey: null },
});

const company = objectOf('company', 'companies', [
  fieldOf('name', 'TEXT'),
  fieldOf('people', 'RELATION', relation('person', 'ONE_TO_MANY')),
]);
const property = objectOf('property', 'properties', [
  fieldOf('name', 'TEXT'),
  fieldOf('price', 'CURRENCY'),
  fieldOf('agent', 'USER'),
  fieldOf('seller', 'RELATION', relation('company', 'MANY_TO_ONE')),
  fieldOf('gone', 'RELATION', relation('archivedThing', 'MANY_TO_ONE')),
]);
const objects = [company, property];
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('recordDocuments', () => {
  it('names operations as the server generates them and selects every field by type', () => {
    const docs = recordDocuments(property, objects);
    expect(docs.names).toEqual({
      many: 'properties',
      one: 'property',
      create: 'createProperty',
      update: 'updateProperty',
      remove: 'deleteProperty',
      updateMany: 'updateProperties',
    });
    const list = flat(print(docs.list));
    expect(list).toContain('$filter: PropertyFilter, $sort: [PropertySort!]');
    expect(list).toMatch(
      /properties\( ?filter: \$filter,? sort: \$sort,? first: \$first,? after: \$after,? search: \$search ?\)/,
    );
    expect(list).toContain('price { amount currency }');
    expect(list).toContain('agent { id name }');
    expect(list).toContain('seller { id name }');
    // A relation to an object that is gone has no field in the API.
    expect(list).not.toContain('gone');
    expect(flat(print(docs.updateMany))).toContain('updateProperties(updates: $updates)');
  });

  it('searches many objects in one request under aliases', () => {
    const text = flat(print(searchDocument(objects, 5)));
    expect(text).toContain('o0: companies(search: $search, first: 5) { nodes { id name } }');
    expect(text).toContain('o1: properties(search: $search, first: 5)');
  });

  it('counts under several filters in one request, one alias each', () => {
    const text = flat(print(countsDocument(company, 2)));
    expect(text).toContain('query CompanyCounts($f0: CompanyFilter, $f1: CompanyFilter, $search: String)');
    expect(text).toContain('g1: companies(filter: $f1, search: $search, first: 1) { totalCount }');
  });

  it('narrows the table’s filter to one group, or to the records without a value', () => {
    const status = fieldOf('status', 'SELECT');
    expect(groupFilter(status, 'open', null)).toEqual({ status: { eq: 'open' } });
    expect(groupFilter(status, '', { name: { contains: 'a' } })).toEqual({
      and: [{ name: { contains: 'a' } }, { status: { isEmpty: true } }],
    });
  });

  it('shows people every field but the internal board position', () => {
    const system = (key: string) => ({ ...fieldOf(key, 'TEXT'), system: true, readOnly: true });
    const deal = objectOf('deal', 'deals', [fieldOf('name', 'TEXT'), system('owner'), system('rank')]);
    expect(shownFields(deal, [deal]).map((f) => f.key)).toEqual(['name', 'owner']);
  });

  it('names given records of several objects in one request, deleted ones too', () => {
    const text = flat(print(labelsDocument(objects)));
    expect(text).toContain('query RecordLabels($ids0: [ID!]!, $ids1: [ID!]!)');
    expect(text).toContain(
      'o0: companies(filter: {id: {in: $ids0}}, first: 500, includeDeleted: true) { nodes { id name } }',
    );
  });
});
