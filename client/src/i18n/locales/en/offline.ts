/** The banner shown while the browser has no connection. */
export default {
  banner: 'Offline — showing saved copy from {time}. Editing is off until the connection is back.',
};
