/** A public web form and what it logs; the shapes the store, the routes and the API share. */

/** One input of a form: a field of the form's object, or `person.<key>` for the linked person. */
export interface FormField {
  /** `budget` (the record's field) or `person.email` (the person the record links to). */
  path: string;
  /** Shown instead of the field's label; null: the field's label. */
  label: string | null;
  helpText: string | null;
  required: boolean;
  /** Not shown; the value is `defaultValue` (a source tag, a campaign). */
  hidden: boolean;
  /** Prefilled (or, hidden, the value sent), as the visitor would type it. */
  defaultValue: string | null;
}

export interface FormSettings {
  /** Shown after a submission when there is no redirect. */
  thankYouMessage: string;
  /** Where the visitor goes after a submission (http/https); null: the thank-you page. */
  redirectUrl: string | null;
  /** When set, a required checkbox with this text (the privacy consent). */
  consentText: string | null;
  /** The new record's label when the form does not ask for it: `{{ person.name }}` etc. */
  recordName: string | null;
  /** The relation field linking the record to a person; null: the first one to person. */
  personField: string | null;
  /** Leading zero bits a proof-of-work must have (0: none asked). */
  powDifficulty: number;
  /** A repeat submission by the same person updates the record it made (else a new one). */
  updateRepeats: boolean;
  /**
   * A follow-up form: opened only by a signed link naming one record of its object (sent in an
   * e-mail, `record-links.ts`), and a submission writes its inputs onto that record.
   */
  updatesRecord: boolean;
}

export interface WebForm {
  id: string;
  workspaceId: string;
  /** The template's key for a form it installed; null for an admin's own. */
  key: string | null;
  name: string;
  objectKey: string;
  fields: FormField[];
  settings: FormSettings;
  enabled: boolean;
  /** Signs proof-of-work challenges; never leaves the server. */
  secret: string;
  createdAt: Date;
  updatedAt: Date;
}

export const submissionOutcomes = ['CREATED', 'UPDATED', 'SPAM', 'REJECTED'] as const;
export type SubmissionOutcome = (typeof submissionOutcomes)[number];

export interface FormSubmission {
  id: string;
  formId: string;
  outcome: SubmissionOutcome;
  reason: string | null;
  recordId: string | null;
  personId: string | null;
  /** The page the form was on (Referer), or the form's source tag. */
  source: string | null;
  values: Record<string, unknown>;
  createdAt: Date;
}

export const defaultSettings: FormSettings = {
  thankYouMessage: 'Thank you! We will be in touch shortly.',
  redirectUrl: null,
  consentText: null,
  recordName: null,
  personField: null,
  powDifficulty: 0,
  updateRepeats: true,
  updatesRecord: false,
};

/** The hidden input bots fill and people never see. */
export const honeypotName = '_website';
/** The inputs of the optional proof-of-work. */
export const powInputs = { challenge: '_pow_challenge', nonce: '_pow_nonce' } as const;
/** The consent checkbox's input. */
export const consentName = '_consent';
/** The inputs of a follow-up form's link: the record and the link's signature. */
export const recordLinkInputs = { record: '_record', signature: '_sig' } as const;
