import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/**
 * Draws the small sample photos the vertical templates ship (`templates/<key>/samples/`), so a
 * fresh install shows covers without fetching anything. Run again to redraw them:
 * `pnpm --filter @crm/server exec tsx scripts/sample-photos.ts`.
 */

const templates = fileURLToPath(new URL('../../templates/', import.meta.url));
const width = 480;
const height = 320;

const sky = (top: string, bottom: string) =>
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${width}" height="${height}" fill="url(#sky)"/>`;
const sun = (x: number, y: number) => `<circle cx="${x}" cy="${y}" r="26" fill="#fde68a"/>`;
const sea = (y: number, colour = '#1d4ed8') =>
  `<rect y="${y}" width="${width}" height="${height - y}" fill="${colour}"/><path d="M0 ${y + 14} q30 -8 60 0 t60 0 t60 0 t60 0 t60 0 t60 0 t60 0 t60 0" stroke="#93c5fd" stroke-width="3" fill="none"/>`;
const grass = (y: number, colour = '#65a30d') =>
  `<rect y="${y}" width="${width}" height="${height - y}" fill="${colour}"/>`;
const road = `<rect y="250" width="${width}" height="70" fill="#4b5563"/><path d="M0 285 h${width}" stroke="#f9fafb" stroke-width="4" stroke-dasharray="30 20"/>`;

function house(walls: string, roof: string): string {
  return `${sky('#7dd3fc', '#e0f2fe')}${sun(400, 60)}${grass(240)}
    <path d="M30 260 q120 -30 420 0" stroke="#38bdf8" stroke-width="14" fill="none"/>
    <rect x="130" y="130" width="220" height="120" fill="${walls}"/>
    <path d="M110 135 L240 60 L370 135 Z" fill="${roof}"/>
    <rect x="220" y="185" width="40" height="65" fill="#78350f"/>
    <rect x="150" y="160" width="45" height="40" fill="#bae6fd"/><rect x="285" y="160" width="45" height="40" fill="#bae6fd"/>`;
}

function block(floors: number, colour: string): string {
  const windows = Array.from({ length: floors * 4 }, (_, i) => {
    const x = 160 + (i % 4) * 42;
    const y = 60 + Math.floor(i / 4) * 48;
    return `<rect x="${x}" y="${y}" width="26" height="30" fill="#fef3c7"/>`;
  }).join('');
  return `${sky('#fbbf24', '#fde68a')}<rect y="260" width="${width}" height="60" fill="#9ca3af"/>
    <rect x="140" y="40" width="190" height="${floors * 48 + 40}" fill="${colour}"/>${windows}
    <rect x="40" y="150" width="80" height="110" fill="#a8a29e"/><rect x="350" y="120" width="90" height="140" fill="#78716c"/>`;
}

function car(body: string, tall: boolean): string {
  const top = tall ? 150 : 170;
  return `${sky('#93c5fd', '#f1f5f9')}${road}
    <path d="M100 250 L110 ${top + 40} Q130 ${top} 190 ${top} L300 ${top} Q340 ${top} 360 ${top + 40} L390 ${top + 45} Q400 ${top + 50} 400 250 Z" fill="${body}"/>
    <path d="M140 ${top + 40} Q150 ${top + 12} 190 ${top + 12} L240 ${top + 12} L240 ${top + 40} Z" fill="#bfdbfe"/>
    <path d="M252 ${top + 12} L300 ${top + 12} Q330 ${top + 12} 342 ${top + 40} L252 ${top + 40} Z" fill="#bfdbfe"/>
    <circle cx="160" cy="252" r="26" fill="#111827"/><circle cx="160" cy="252" r="11" fill="#9ca3af"/>
    <circle cx="340" cy="252" r="26" fill="#111827"/><circle cx="340" cy="252" r="11" fill="#9ca3af"/>`;
}

function truck(body: string): string {
  return `${sky('#fdba74', '#fef3c7')}${road}
    <rect x="80" y="175" width="180" height="70" fill="${body}"/>
    <path d="M260 245 L260 140 L340 140 Q370 140 380 180 L410 190 L410 245 Z" fill="${body}"/>
    <path d="M275 155 L335 155 Q355 155 362 180 L275 180 Z" fill="#bfdbfe"/>
    <circle cx="140" cy="250" r="28" fill="#111827"/><circle cx="140" cy="250" r="12" fill="#9ca3af"/>
    <circle cx="350" cy="250" r="28" fill="#111827"/><circle cx="350" cy="250" r="12" fill="#9ca3af"/>`;
}

function motorboat(hull: string, long: boolean): string {
  const end = long ? 420 : 380;
  return `${sky('#38bdf8', '#e0f2fe')}${sun(80, 60)}${sea(220)}
    <path d="M70 190 L${end} 190 L${end - 40} 235 L110 235 Z" fill="${hull}"/>
    <path d="M150 190 L180 150 L${end - 120} 150 L${end - 90} 190 Z" fill="#f8fafc"/>
    <path d="M190 158 L${end - 130} 158 L${end - 115} 180 L180 180 Z" fill="#1e3a8a"/>`;
}

function sailboat(): string {
  return `${sky('#0ea5e9', '#f0f9ff')}${sun(400, 70)}${sea(230, '#1e40af')}
    <path d="M110 210 L380 210 L350 245 L140 245 Z" fill="#f8fafc"/>
    <path d="M240 40 L240 205 L130 205 Z" fill="#f1f5f9"/><path d="M250 60 L250 205 L340 205 Z" fill="#e2e8f0"/>
    <path d="M245 35 L245 210" stroke="#334155" stroke-width="5"/>`;
}

function land(): string {
  return `${sky('#60a5fa', '#dbeafe')}${sun(90, 70)}${sea(170, '#2563eb')}${grass(215, '#84cc16')}
    <path d="M0 215 Q240 190 480 215 L480 320 L0 320 Z" fill="#a3e635"/>
    <path d="M150 230 L330 230 L350 300 L130 300 Z" fill="none" stroke="#f8fafc" stroke-width="4" stroke-dasharray="12 8"/>`;
}

const photos: Record<string, Record<string, string>> = {
  'real-estate': {
    'house-riverside': house('#fef3c7', '#b91c1c'),
    'apartment-loft': block(3, '#b45309'),
    'apartment-studio': block(4, '#64748b'),
    'plot-sea-view': land(),
  },
  'car-dealer': {
    'suv-rav4': car('#475569', true),
    'sedan-model3': car('#dc2626', false),
    'pickup-f150': truck('#1d4ed8'),
  },
  'boat-dealer': {
    'bowrider-sea-ray': motorboat('#f8fafc', false),
    'center-console-boston-whaler': motorboat('#0f172a', true),
    'sailboat-beneteau': sailboat(),
    'center-console-grady-white': motorboat('#e2e8f0', false),
  },
};

for (const [key, files] of Object.entries(photos)) {
  const folder = path.join(templates, key, 'samples');
  await mkdir(folder, { recursive: true });
  for (const [name, body] of Object.entries(files)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`;
    const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 70, mozjpeg: true }).toBuffer();
    await writeFile(path.join(folder, `${name}.jpg`), jpeg);
    console.log(`${key}/samples/${name}.jpg ${(jpeg.length / 1024).toFixed(1)} KB`);
  }
}
