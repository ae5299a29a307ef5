import {
  Anchor,
  Briefcase,
  Building2,
  Calendar,
  Car,
  ClipboardCheck,
  FileText,
  Folder,
  Gauge,
  Handshake,
  House,
  Mail,
  Package,
  Phone,
  Ship,
  SquareCheck,
  Star,
  Tag,
  User,
  Users,
  Waves,
  type LucideIcon,
} from 'lucide-vue-next';

// Icon names in metadata are free text (lucide names in the standard objects and templates);
// the client draws the known ones from lucide, shipped with the app so every system shows the
// same icon (emoji depend on the system's font), and a folder for the rest.
const icons: Record<string, LucideIcon> = {
  building: Building2,
  user: User,
  users: Users,
  handshake: Handshake,
  'check-square': SquareCheck,
  'file-text': FileText,
  home: House,
  calendar: Calendar,
  mail: Mail,
  phone: Phone,
  star: Star,
  briefcase: Briefcase,
  ship: Ship,
  car: Car,
  tag: Tag,
  package: Package,
  anchor: Anchor,
  'clipboard-check': ClipboardCheck,
  // lucide has no steering wheel: the dashboard's gauge stands for a drive.
  'steering-wheel': Gauge,
  waves: Waves,
};

/** The icon names drawn as their own icon (the admin's object form offers them). */
export const objectIconNames: readonly string[] = Object.keys(icons).sort();

export function objectIcon(icon: string | null): LucideIcon {
  return (icon && icons[icon]) || Folder;
}
