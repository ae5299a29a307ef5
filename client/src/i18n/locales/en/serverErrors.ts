/**
 * The server's refusals a person meets, by their stable `extensions.reason`, worded here with the
 * error's `extensions.params` (docs/i18n.md, Server errors).
 */
export default {
  value: {
    required: 'Required.',
    text: 'Must be text.',
    tooLong: 'At most {max} characters.',
    number: 'Must be a number.',
    recordId: 'Choose a record.',
    recordIds: 'Choose records.',
    date: 'Must be a date.',
    dateTime: 'Must be a date and time.',
    email: 'Must be an e-mail address.',
    phone: 'Must be a phone number (digits, spaces, + ( ) - .).',
    url: 'Must be a web address starting with http:// or https://.',
    boolean: 'Must be yes or no.',
    money: 'Must be an amount with its currency.',
    currency: 'Must be a currency code such as EUR or USD.',
    rating: 'Must be a whole number from 1 to {max}.',
    choice: 'Choose one of the options.',
    choices: 'Choose among the options.',
    duration: 'Must be a duration such as 1h 30m.',
    durationMax: 'At most {max} seconds.',
    tooManyFiles: 'At most {max} files.',
  },
  language: { unsupported: '“{value}” is not a language of this app ({allowed}).' },
};
