import JSZip from 'jszip';

/**
 * docx and xlsx are zip files that their libraries write with the current time inside
 * (zip entry dates, docProps/core.xml). This re-packs one with a fixed date, a fixed entry order
 * ([Content_Types].xml first, then by name) and fixed permissions, so equal content gives equal bytes
 * on any machine and in any time zone.
 */
export async function normalizeOfficeZip(bytes: Uint8Array, isoDate: string): Promise<Buffer> {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const date = utcDate(isoDate);
  const stamp = `${isoDate.slice(0, 10)}T00:00:00Z`;
  const names = Object.keys(source.files)
    .filter((n) => !source.files[n]!.dir)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    let content: Uint8Array | string = await source.files[name]!.async('uint8array');
    if (name === 'docProps/core.xml') {
      content = Buffer.from(content)
        .toString('utf8')
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
    }
    out.file(name, content, { date, createFolders: false, unixPermissions: 0o644, dosPermissions: null as unknown as number });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

function rank(name: string): number {
  return name === '[Content_Types].xml' ? 0 : 1;
}

/** JSZip writes an entry's DOS date from the Date's UTC fields: midnight UTC of the given day, in every time zone. */
function utcDate(isoDate: string): Date {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 0, 0, 0));
}
