/** Automation runs as members meet them: manual rule buttons, run steps, the timeline entry. */
export default {
  status: {
    QUEUED: 'Queued',
    RUNNING: 'Running',
    WAITING: 'Waiting',
    SUCCEEDED: 'Succeeded',
    FAILED: 'Failed',
    SKIPPED: 'Skipped',
    LOOP_STOPPED: 'Stopped by the loop guard',
  },
  actions: {
    CREATE_RECORD: 'Create a record',
    UPDATE_RECORD: 'Update fields',
    ASSIGN: 'Assign',
    MOVE_STAGE: 'Move stage',
    ADD_COMMENT: 'Add a comment',
    NOTIFY: 'Notify',
    SEND_EMAIL: 'Send an e-mail',
    CALL_WEBHOOK: 'Call a webhook',
    WAIT: 'Wait',
    BRANCH: 'Branch',
  },
  manual: {
    label: 'Automations',
    running: 'Running {name}…',
    dismiss: 'Dismiss',
  },
  steps: {
    starting: 'Starting…',
    none: 'No steps ran.',
    attempts: '{n} attempts',
    input: 'Input',
    output: 'Output',
  },
  timeline: {
    ran: '{rule} ran',
    rule: 'Automation: {name}',
    aRule: 'A rule',
    steps: 'no steps | {n} step | {n} steps',
  },
};
