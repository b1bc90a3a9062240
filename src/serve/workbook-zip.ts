import yauzl from 'yauzl';

/**
 * A workbook is a zip. Before Excel's parser sees an upload, its central directory is read and its entries
 * inflated as a stream, counted and thrown away: a 400 KB file that inflates to 400 MB (a "zip bomb"), or one
 * with thousands of entries, is refused here with memory bounded by one 64 KB piece, whatever the directory
 * claims (yauzl checks each entry's real size against it).
 */

export const WORKBOOK_ZIP_LIMITS = {
  /** all entries inflated: a unit's workbook is well under 1 MB */
  uncompressedBytes: 50 * 1024 * 1024,
  entries: 2000,
} as const;

export type ZipVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const MB = (n: number) => `${Math.round(n / 1048576)} MB`;

export function checkWorkbookZip(bytes: Uint8Array, limits: { readonly uncompressedBytes: number; readonly entries: number } = WORKBOOK_ZIP_LIMITS): Promise<ZipVerdict> {
  const notAWorkbook: ZipVerdict = { ok: false, reason: '文件不是 Excel 保存的 .xlsx 填报表（无法按 .xlsx 打开），请用 Excel 或 WPS 打开后“另存为” .xlsx 再上传' };
  return new Promise((resolve) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return resolve(notAWorkbook);
      let done = false;
      const finish = (v: ZipVerdict) => {
        if (done) return;
        done = true;
        zip.close();
        resolve(v);
      };
      if (zip.entryCount > limits.entries) return finish({ ok: false, reason: `填报表内部含有 ${zip.entryCount} 个部件，超过 ${limits.entries} 个的上限，不像是本单位的填报表；请下载本单位的填报表重新填写后上传` });
      // what the directory says, before anything is inflated
      let declared = 0;
      let inflated = 0;
      const tooBig = () => finish({ ok: false, reason: `填报表解压后超过 ${MB(limits.uncompressedBytes)}，远大于一份填报表应有的大小，不能接收；请下载本单位的填报表重新填写后上传` });
      zip.on('error', () => finish(notAWorkbook));
      zip.on('end', () => finish({ ok: true }));
      zip.on('entry', (entry: yauzl.Entry) => {
        declared += entry.uncompressedSize;
        if (declared > limits.uncompressedBytes) return tooBig();
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return finish(notAWorkbook);
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > limits.uncompressedBytes) {
              stream.destroy();
              tooBig();
            }
          });
          stream.on('error', () => finish(notAWorkbook));
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}
