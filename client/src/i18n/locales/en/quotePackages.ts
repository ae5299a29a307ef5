// A quote's packages: the lines of a unit sold as one (a boat with its engines and trailer).
export default {
  pick: 'Lines of',
  choose: 'Choose…',
  dealUnit: "{name} (the deal's)",
  add: 'Add {package}',
  packagePrice: 'Package price {price}',
};
