/** A record's documents: picking a template, preparing its drafts, generating, the list. */
export default {
  title: 'Documents',
  template: 'Template',
  prepare: 'Prepare',
  generate: 'Generate',
  generating: 'Generating…',
  removed: '(removed)',
  version: 'version {version}',
  drafts: {
    label: 'Prepare {name}',
    title: 'Prepare “{name}”',
    reset: 'Reset to default',
    generatePdf: 'Generate PDF',
  },
};
