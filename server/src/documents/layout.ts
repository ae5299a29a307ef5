import type { Alignment, Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { LineTable } from './lines.js';

/** A block with its values in place: what the layout turns into PDF content. */
export type ResolvedBlock =
  | { type: 'heading'; text: string; level: 1 | 2 | 3 }
  | { type: 'paragraph'; text: string }
  | { type: 'fields'; title: string | null; rows: [label: string, value: string][] }
  | { type: 'image'; images: string[] }
  | { type: 'lines'; title: string | null; table: LineTable }
  | { type: 'pageBreak' };

const pageWidth = 515; // A4 less 40 pt margins

function imageContent(names: string[]): Content {
  if (names.length === 1)
    return { image: names[0]!, fit: [pageWidth, 340], alignment: 'center', margin: [0, 4, 0, 10] };
  const rows: Content[] = [];
  for (let i = 0; i < names.length; i += 2)
    rows.push({
      columns: names.slice(i, i + 2).map((name) => ({ image: name, fit: [250, 180] })),
      columnGap: 15,
      margin: [0, 0, 0, 10],
    });
  return { stack: rows };
}

function linesContent(title: string | null, table: LineTable): Content {
  const align = (i: number): Alignment => (table.columns[i]?.numeric ? 'right' : 'left');
  const header: TableCell[] = table.columns.map((c, i) => ({
    text: c.label,
    style: 'tableHeader',
    alignment: align(i),
  }));
  const body: TableCell[][] = [
    header,
    ...table.rows.map((row) => row.map((text, i) => ({ text, alignment: align(i) }))),
  ];
  const width = table.columns.length;
  for (const total of table.totals)
    body.push([
      { text: total.label, bold: true, colSpan: Math.max(1, width - 1), alignment: 'right' },
      ...Array.from({ length: Math.max(0, width - 2) }, () => ({ text: '' })),
      ...(width > 1 ? [{ text: total.value, bold: true, alignment: 'right' as const }] : []),
    ]);
  return {
    stack: [
      ...(title ? [{ text: title, style: 'h3' }] : []),
      {
        table: { headerRows: 1, widths: table.columns.map((_, i) => (i === 0 ? '*' : 'auto')), body },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 10],
      },
    ],
  } as Content;
}

/** The pdfmake definition of a document: A4, Roboto, page numbers in the footer. */
export function documentDefinition(title: string, blocks: readonly ResolvedBlock[]): TDocumentDefinitions {
  const images: Record<string, string> = {};
  const content: Content[] = blocks.map((block, i): Content => {
    switch (block.type) {
      case 'heading':
        return { text: block.text, style: `h${block.level}` };
      case 'paragraph':
        return { text: block.text, margin: [0, 0, 0, 8] };
      case 'fields':
        return {
          stack: [
            ...(block.title ? [{ text: block.title, style: 'h3' }] : []),
            {
              table: {
                widths: [170, '*'],
                body: block.rows.map(([label, value]) => [
                  { text: label, color: '#555555' },
                  { text: value },
                ]),
              },
              layout: 'noBorders',
              margin: [0, 0, 0, 10],
            },
          ],
        } as Content;
      case 'image': {
        const names = block.images.map((data, j) => {
          // The same picture twice (the cover, then in the gallery) is embedded once.
          const known = Object.keys(images).find((name) => images[name] === data);
          if (known) return known;
          images[`b${i}i${j}`] = data;
          return `b${i}i${j}`;
        });
        return names.length ? imageContent(names) : { text: '' };
      }
      case 'lines':
        return linesContent(block.title, block.table);
      case 'pageBreak':
        return { text: '', pageBreak: 'after' };
    }
  });
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: { title },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 15, bold: true, margin: [0, 10, 0, 6] },
      h3: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      tableHeader: { bold: true, fillColor: '#eeeeee' },
    },
    footer: (page: number, pages: number) => ({
      text: `${page} / ${pages}`,
      alignment: 'right',
      fontSize: 8,
      margin: [40, 20, 40, 0],
    }),
    content,
    images,
  };
}
