import { ApolloError } from '@apollo/client/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { PermissionProfile } from './operations';
import { draftOf, inputOf, placeErrors } from './profile-form';

const agent: PermissionProfile = {
  id: 'p1',
  builtin: null,
  name: 'Agent',
  defaultObject: { read: 'ALL', create: false, update: 'NONE', delete: 'NONE' },
  objects: [{ objectKey: 'deal', read: 'OWN', create: true, update: 'OWN', delete: 'NONE' }],
  fields: [{ objectKey: 'deal', fieldKey: 'commission', access: 'HIDDEN' }],
};

describe('profile form', () => {
  it('gives every object a rule and saves only those that differ from the default', () => {
    const draft = draftOf(agent, ['company', 'deal']);
    expect(draft.objects.company).toEqual(agent.defaultObject);
    expect(draft.objects.deal).toMatchObject({ read: 'OWN', create: true });
    draft.fields['company.employees'] = 'READ_ONLY';
    draft.fields['deal.commission'] = 'EDITABLE';
    const { input, places } = inputOf(draft);
    expect(input.objects).toEqual([agent.objects[0]]);
    expect(input.fields).toEqual([{ objectKey: 'company', fieldKey: 'employees', access: 'READ_ONLY' }]);
    expect(places).toEqual({ objects: ['object:deal'], fields: ['field:company.employees'] });
  });

  it('starts a new profile as read all', () => {
    expect(draftOf(null, ['deal']).objects.deal).toEqual({
      read: 'ALL',
      create: false,
      update: 'NONE',
      delete: 'NONE',
    });
  });

  it('puts each of the server’s reasons beside the control its path names', () => {
    const error = new ApolloError({
      graphQLErrors: [
        new GraphQLError('refused', {
          extensions: {
            code: 'BAD_USER_INPUT',
            reasons: [
              { path: ['input', 'fields', '0', 'access'], message: 'Name is required.' },
              { path: ['input', 'objects', '0', 'objectKey'], message: 'No such object.' },
              { path: ['input', 'name'], message: 'Taken.' },
              { path: ['input', 'somethingElse'], message: 'Odd.' },
            ],
          },
        }),
      ],
    });
    const places = { objects: ['object:deal'], fields: ['field:company.name'] };
    expect(placeErrors(error, places)).toEqual({
      'field:company.name': 'Name is required.',
      'object:deal': 'No such object.',
      name: 'Taken.',
      '': 'Odd.',
    });
  });

  it('falls back to the argument path, or the form, without reasons', () => {
    const error = new ApolloError({
      graphQLErrors: [new GraphQLError('Forbidden.', { extensions: { code: 'FORBIDDEN' } })],
    });
    expect(placeErrors(error, { objects: [], fields: [] })).toEqual({ '': 'Forbidden.' });
  });
});
