/** Likely duplicates of an object, the create form's hint and the merge dialog. */
export default {
  page: {
    title: 'Duplicate {objects}',
    back: 'Back to the list',
    looking: 'Looking for duplicates…',
    empty: 'No likely duplicates.',
    same: 'same {fields}',
    merge: 'Merge…',
  },
  hint: {
    possible: 'Possible duplicate of',
  },
  merge: {
    label: 'Merge records',
    title: 'Merge {count} {objects}',
    explain:
      'The survivor keeps every deal, activity, comment and history of the others; the others are deleted. Click a value to keep it.',
    field: 'Field',
    keep: 'Keep {label}',
    done: 'Merged. You can undo this.',
    merging: 'Merging…',
    submit: 'Merge',
    undo: 'Undo merge',
  },
};
