import type { NewObject } from './objects.js';

const choices = (...pairs: [string, string][]) => ({
  choices: pairs.map(([key, label]) => ({ key, label })),
});

/**
 * The objects every workspace starts with. They are ordinary metadata: admins add
 * fields to them, relabel them, archive what they do not use.
 */
export const standardObjects: NewObject[] = [
  {
    key: 'company',
    pluralKey: 'companies',
    labelSingular: 'Company',
    labelPlural: 'Companies',
    icon: 'building',
    fields: [
      { key: 'name', label: 'Name', type: 'TEXT', required: true },
      { key: 'domain', label: 'Website', type: 'URL' },
      { key: 'industry', label: 'Industry', type: 'TEXT' },
      { key: 'employees', label: 'Employees', type: 'NUMBER', options: { precision: 0 } },
      { key: 'phone', label: 'Phone', type: 'PHONE' },
      { key: 'address', label: 'Address', type: 'TEXT' },
      { key: 'description', label: 'Description', type: 'LONG_TEXT' },
    ],
  },
  {
    key: 'person',
    pluralKey: 'people',
    labelSingular: 'Person',
    labelPlural: 'People',
    icon: 'user',
    fields: [
      { key: 'name', label: 'Name', type: 'TEXT', required: true },
      { key: 'email', label: 'E-mail', type: 'EMAIL' },
      { key: 'phone', label: 'Phone', type: 'PHONE' },
      { key: 'jobTitle', label: 'Job title', type: 'TEXT' },
      {
        key: 'company',
        label: 'Company',
        type: 'RELATION',
        relation: {
          target: 'company',
          kind: 'MANY_TO_ONE',
          onDelete: 'SET_NULL',
          inverseKey: 'people',
          inverseLabel: 'People',
        },
      },
    ],
  },
  {
    key: 'deal',
    pluralKey: 'deals',
    labelSingular: 'Deal',
    labelPlural: 'Deals',
    icon: 'handshake',
    fields: [
      { key: 'name', label: 'Name', type: 'TEXT', required: true },
      {
        key: 'stage',
        label: 'Stage',
        type: 'STAGE',
        defaultValue: 'lead',
        options: {
          pipelines: [
            {
              key: 'sales',
              label: 'Sales pipeline',
              stages: [
                { key: 'lead', label: 'Lead', probability: 10 },
                { key: 'qualified', label: 'Qualified', probability: 25 },
                { key: 'proposal', label: 'Proposal', probability: 50 },
                { key: 'negotiation', label: 'Negotiation', probability: 75 },
                { key: 'won', label: 'Won', probability: 100, kind: 'WON' },
                { key: 'lost', label: 'Lost', probability: 0, kind: 'LOST' },
              ],
            },
          ],
        },
      },
      { key: 'amount', label: 'Amount', type: 'CURRENCY', options: { precision: 2, defaultCurrency: 'USD' } },
      { key: 'probability', label: 'Probability', type: 'PERCENT' },
      { key: 'closeDate', label: 'Expected close', type: 'DATE' },
      {
        key: 'company',
        label: 'Company',
        type: 'RELATION',
        relation: {
          target: 'company',
          kind: 'MANY_TO_ONE',
          onDelete: 'SET_NULL',
          inverseKey: 'deals',
          inverseLabel: 'Deals',
        },
      },
      {
        key: 'contact',
        label: 'Contact',
        type: 'RELATION',
        relation: {
          target: 'person',
          kind: 'MANY_TO_ONE',
          onDelete: 'SET_NULL',
          inverseKey: 'deals',
          inverseLabel: 'Deals',
        },
      },
    ],
  },
  {
    key: 'task',
    pluralKey: 'tasks',
    labelSingular: 'Task',
    labelPlural: 'Tasks',
    icon: 'check-square',
    fields: [
      { key: 'name', label: 'Title', type: 'TEXT', required: true },
      {
        key: 'type',
        label: 'Type',
        type: 'SELECT',
        defaultValue: 'todo',
        options: choices(['todo', 'To-do'], ['call', 'Call'], ['email', 'E-mail'], ['meeting', 'Meeting']),
      },
      {
        key: 'priority',
        label: 'Priority',
        type: 'SELECT',
        defaultValue: 'medium',
        options: choices(['low', 'Low'], ['medium', 'Medium'], ['high', 'High'], ['urgent', 'Urgent']),
      },
      {
        key: 'status',
        label: 'Status',
        type: 'SELECT',
        defaultValue: 'open',
        options: choices(
          ['open', 'Open'],
          ['inProgress', 'In progress'],
          ['done', 'Done'],
          ['cancelled', 'Cancelled'],
        ),
      },
      { key: 'dueAt', label: 'Due', type: 'DATETIME' },
      { key: 'remindAt', label: 'Reminder', type: 'DATETIME' },
      { key: 'assignee', label: 'Assignee', type: 'USER' },
      { key: 'description', label: 'Description', type: 'LONG_TEXT' },
      {
        key: 'participants',
        label: 'Participants',
        type: 'RELATION',
        relation: { target: 'person', kind: 'MANY_TO_MANY', inverseKey: 'tasks', inverseLabel: 'Tasks' },
      },
      {
        key: 'company',
        label: 'Company',
        type: 'RELATION',
        relation: {
          target: 'company',
          kind: 'MANY_TO_ONE',
          onDelete: 'SET_NULL',
          inverseKey: 'tasks',
          inverseLabel: 'Tasks',
        },
      },
      {
        key: 'deal',
        label: 'Deal',
        type: 'RELATION',
        relation: {
          target: 'deal',
          kind: 'MANY_TO_ONE',
          onDelete: 'SET_NULL',
          inverseKey: 'tasks',
          inverseLabel: 'Tasks',
        },
      },
    ],
  },
  {
    key: 'note',
    pluralKey: 'notes',
    labelSingular: 'Note',
    labelPlural: 'Notes',
    icon: 'file-text',
    fields: [
      { key: 'name', label: 'Title', type: 'TEXT', required: true },
      { key: 'body', label: 'Body', type: 'LONG_TEXT' },
      {
        key: 'company',
        label: 'Company',
        type: 'RELATION',
        relation: {
          target: 'company',
          kind: 'MANY_TO_ONE',
          onDelete: 'CASCADE',
          inverseKey: 'notes',
          inverseLabel: 'Notes',
        },
      },
      {
        key: 'person',
        label: 'Person',
        type: 'RELATION',
        relation: {
          target: 'person',
          kind: 'MANY_TO_ONE',
          onDelete: 'CASCADE',
          inverseKey: 'notes',
          inverseLabel: 'Notes',
        },
      },
      {
        key: 'deal',
        label: 'Deal',
        type: 'RELATION',
        relation: {
          target: 'deal',
          kind: 'MANY_TO_ONE',
          onDelete: 'CASCADE',
          inverseKey: 'notes',
          inverseLabel: 'Notes',
        },
      },
    ],
  },
  {
    // Quotes and invoices (server/src/quotes) read products and prices by these keys.
    key: 'product',
    pluralKey: 'products',
    labelSingular: 'Product',
    labelPlural: 'Products',
    icon: 'package',
    fields: [
      { key: 'name', label: 'Name', type: 'TEXT', required: true },
      { key: 'sku', label: 'SKU', type: 'TEXT', unique: true },
      { key: 'description', label: 'Description', type: 'LONG_TEXT' },
      { key: 'active', label: 'Active', type: 'BOOLEAN', defaultValue: true },
    ],
  },
  {
    // A product's price in one price book and currency (the currency is the unit price's).
    key: 'price',
    pluralKey: 'prices',
    labelSingular: 'Price',
    labelPlural: 'Prices',
    icon: 'tag',
    fields: [
      { key: 'name', label: 'Name', type: 'TEXT' },
      {
        key: 'product',
        label: 'Product',
        type: 'RELATION',
        required: true,
        relation: {
          target: 'product',
          kind: 'MANY_TO_ONE',
          onDelete: 'CASCADE',
          inverseKey: 'prices',
          inverseLabel: 'Prices',
        },
      },
      { key: 'priceBook', label: 'Price book', type: 'TEXT', required: true, defaultValue: 'standard' },
      {
        key: 'unitPrice',
        label: 'Unit price',
        type: 'CURRENCY',
        required: true,
        options: { precision: 4, defaultCurrency: 'USD' },
      },
    ],
  },
];
