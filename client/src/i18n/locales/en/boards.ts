/** The pipeline board: stages as columns, records as cards (boards/). */
export default {
  unknownObject: 'There is no object “{key}”.',
  noPipeline: '{objects} have no pipeline yet. An admin can add one under Admin → Pipelines.',
  noStage: 'No stage',
  view: {
    pipeline: 'Pipeline',
    totals: '{count} open · weighted {amount}',
    search: 'Search this board',
    presence: 'Also on this board',
    onBoard: '{name} is on this board',
    presenceError: 'Presence: {error}',
    loading: 'Loading the board…',
    theCard: 'The card',
    /** {card} is the card's title, in bold. */
    stayed: '{card} stayed where it was: {reason}',
    ok: 'OK',
  },
  column: {
    limit: 'Limit {limit}',
    weightedAt: 'Weighted at {percent}',
    weighted: '· {amount} weighted',
    unstagedHint: 'Not in this pipeline yet: drag a card into a stage.',
    overLimit: 'Over its limit of {limit}',
    noCards: 'No cards',
    dropHere: 'Drop here',
    /** {table} is a link to the records table, worded as `tableLink`. */
    moreUnstaged: 'and {n} more: set their stage in the {table}',
    tableLink: 'table',
    showMore: 'Show more ({n} not shown)',
  },
  card: {
    moving: '{name} is moving this',
    moveTo: 'Move “{title}” to stage',
  },
  missing: {
    fillIn: 'Fill in to move it to “{stage}”:',
    set: 'set',
    required: '{field} is required.',
    saveAndMove: 'Save and move',
  },
};
