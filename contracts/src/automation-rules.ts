/**
 * Automation rules as data, as the API, the templates' `automations:` key, the engine and the
 * client's builder all read them: fields are named by key (as views name them), conditions in
 * the view filter language (`Filter`: the server's RecordFilter, the client's ApiFilter).
 * The server checks them against the workspace's metadata on every write (docs/automation.md).
 */

export const triggerKinds = [
  'RECORD_CREATED',
  'RECORD_UPDATED',
  'RECORD_DELETED',
  'STAGE_ENTERED',
  'STAGE_LEFT',
  'DATE_RELATIVE',
  'SCHEDULE',
  'MANUAL',
  'FORM_SUBMITTED',
  'EMAIL_RECEIVED',
] as const;
export type TriggerKind = (typeof triggerKinds)[number];

export interface RuleTrigger<Filter = Record<string, unknown>> {
  kind: TriggerKind;
  /** RECORD_UPDATED: only when one of these fields changes (any field when absent or empty). */
  fields?: string[];
  /** RECORD_UPDATED with exactly one field in `fields`: only when it changes to this API value. */
  toValue?: unknown;
  /** STAGE_ENTERED / STAGE_LEFT: the STAGE field (the object's only one when absent). */
  stageField?: string;
  /** STAGE_ENTERED / STAGE_LEFT: the stage's option value; any stage when absent. */
  stage?: string;
  /** DATE_RELATIVE: a DATE or DATETIME field. */
  dateField?: string;
  /** DATE_RELATIVE: minutes after the date (negative: before). */
  offsetMinutes?: number;
  /** DATE_RELATIVE: every year on the date's month and day (birthdays, anniversaries, renewals). */
  yearly?: boolean;
  /** DATE_RELATIVE on a DATE field: the time of day ('HH:MM', workspace time zone; 09:00 when absent). */
  timeOfDay?: string;
  /** SCHEDULE: a five-field cron expression, read in `timeZone` (the workspace's when absent). */
  cron?: string;
  timeZone?: string;
  /** SCHEDULE: the records a scheduled run acts on (each one a run); the rule runs once, record-less, when absent. */
  scheduleFilter?: Filter;
  /** FORM_SUBMITTED: the form (any form of the object when absent). */
  formId?: string;
}

/**
 * A value an action writes: a literal, a field of the trigger record, a date relative to
 * the run's time, or text with merge fields (`{{ record.name }}`, `{{ record.owner.name }}`,
 * `{{ rule.name }}` — LiquidJS, sandboxed).
 */
/** A time from now: the sum of its parts. */
export type RelativeDate = { minutes?: number; hours?: number; days?: number };

export type ValueSource =
  { value: unknown } | { fromField: string } | { relativeDate: RelativeDate } | { template: string };

/**
 * A workspace role, for rules that cannot know user ids (a template's): the members
 * holding exactly that role.
 */
export type MemberRole = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';

export type RecipientSpec = {
  /** Members by user id. */
  userIds?: string[];
  /** Every member holding one of these roles (a template's "the managers": `[ADMIN]`). */
  roles?: MemberRole[];
  /** USER fields of the trigger record (the record's owner is the system field `owner`). */
  fields?: string[];
};

export type AssignMode = 'FIXED' | 'OWNER' | 'ROUND_ROBIN';

export type RuleAction<Filter = Record<string, unknown>> =
  /** Creates a record of `object` (e.g. a task) with values mapped from the trigger record. */
  | { type: 'CREATE_RECORD'; object: string; values: Record<string, ValueSource> }
  /** Updates the trigger record, or the record a MANY_TO_ONE field of it points at (`via`). */
  | { type: 'UPDATE_RECORD'; via?: string; values: Record<string, ValueSource> }
  /**
   * Sets a USER field: a fixed member, the record's owner, or round-robin among members
   * (absent ones skipped). ROUND_ROBIN rotates through `userIds`, or, when `userIds` is
   * absent, through the members holding `role` in the order they joined (a template's
   * "the agents": MEMBER).
   */
  | {
      type: 'ASSIGN';
      field: string;
      mode: AssignMode;
      userIds?: string[];
      role?: MemberRole;
    }
  /** Moves the record to a stage (of `stageField`, or the object's only STAGE field). */
  | { type: 'MOVE_STAGE'; stageField?: string; stage: string }
  /** Adds a comment to the record, written as the rule. */
  | { type: 'ADD_COMMENT'; body: string }
  /** Notifies members in their inbox. */
  | { type: 'NOTIFY'; recipients: RecipientSpec; message: string }
  /**
   * Sends an e-mail through the mail outbox: `subject` and `body` (text with merge fields), or
   * with `templateId` a saved e-mail template for the rule's object (subject and body then unused).
   */
  | {
      type: 'SEND_EMAIL';
      to: { field?: string; address?: string };
      subject: string;
      body: string;
      templateId?: string;
    }
  /** POSTs the run's record and change as JSON, signed like outgoing webhooks. */
  | { type: 'CALL_WEBHOOK'; url: string }
  /** Pauses the run; the next step runs after the delay (a durable job, not a timer). */
  | { type: 'WAIT'; minutes: number }
  /** Runs `then` when the record (read again now) matches `condition`, else `else`. */
  | { type: 'BRANCH'; condition: Filter; then: RuleAction<Filter>[]; else?: RuleAction<Filter>[] };
export type ActionType = RuleAction['type'];

export interface RuleSpec<Filter = Record<string, unknown>> {
  /** Stable name for templates (install/upgrade match on it); null for rules made in the builder. */
  key?: string | null;
  name: string;
  description?: string;
  /** The object whose records trigger the rule. */
  object: string;
  enabled: boolean;
  trigger: RuleTrigger<Filter>;
  /** The view filter language (relative dates, `isMe` = the record's actor), on the record after the change. */
  condition?: Filter | null;
  actions: RuleAction<Filter>[];
}

export const runStatuses = [
  'QUEUED',
  'RUNNING',
  'WAITING',
  'SUCCEEDED',
  'FAILED',
  'SKIPPED',
  'LOOP_STOPPED',
] as const;
export type RunStatus = (typeof runStatuses)[number];
