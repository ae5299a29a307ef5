// Icon names in metadata are free text (lucide-style names in the standard objects);
// the client shows a glyph for the known ones and a folder for the rest.
const glyphs: Record<string, string> = {
  building: '🏢',
  user: '👤',
  users: '👥',
  handshake: '🤝',
  'check-square': '☑️',
  'file-text': '📝',
  home: '🏠',
  calendar: '📅',
  mail: '✉️',
  phone: '📞',
  star: '⭐',
  briefcase: '💼',
  ship: '🚢',
  car: '🚗',
  tag: '🏷️',
};

export function objectGlyph(icon: string | null): string {
  return (icon && glyphs[icon]) || '📁';
}
