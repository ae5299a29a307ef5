/**
 * The server's refusals a person meets, by their stable `extensions.reason`, worded here with the
 * error's `extensions.params` (docs/i18n.md, Server errors).
 */
export default {
  language: { unsupported: '“{value}” is not a language of this app ({allowed}).' },
};
