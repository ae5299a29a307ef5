/** E-mail templates: the list, the editor with merge fields and the preview (admin/mail-templates). */
export default {
  list: {
    title: 'E-mail templates',
    intro:
      'Subject and body with merge fields ({example}), for one object’s records; members pick them in “Send e-mail” on a record.',
    empty: 'No templates yet.',
    new: 'New template',
  },
  editor: {
    newTitle: 'New template',
    editTitle: 'Edit template',
    object: 'For',
    name: 'Name',
    subject: 'Subject',
    body: 'Body',
    text: 'Plain-text part (empty: made from the HTML)',
  },
  mergeFields: {
    title: 'Merge fields',
    hint: 'Click one to insert it where the cursor is.',
  },
  preview: {
    title: 'Preview on a record',
    search: 'Find a record by name',
    find: 'Find',
    show: 'Preview',
  },
};
