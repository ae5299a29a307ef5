/** Admin › Templates: the gallery of shipped templates, each with its plan before installing. */
export default {
  heading: 'Templates',
  loading: 'Loading templates…',
  empty: 'No templates on this server.',
  status: {
    notInstalled: 'Not installed · version {version}',
    upgradable: 'Version {installed} installed · upgrade available (version {version})',
    installed: 'Installed (version {installed})',
  },
  withSampleData: 'With sample data',
  previewPlan: 'Preview plan',
  removeSamples: 'Remove sample data ({count})',
  upToDate: 'Already up to date: nothing to change.',
  planInstall: 'Installing to version {to} will:',
  planUpgrade: 'Upgrading from version {from} to version {to} will:',
  install: 'Install',
  upgrade: 'Upgrade',
  installing: 'Installing…',
  installed: 'Installed version {version}.',
  samplesRemoved: 'Removed {n} sample record. | Removed {n} sample records.',
};
