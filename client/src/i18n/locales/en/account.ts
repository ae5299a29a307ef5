export default {
  language: {
    title: 'Language',
    hint: 'The app, dates, numbers and the labels of objects and fields are shown in this language.',
  },
};
