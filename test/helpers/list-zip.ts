import yauzl from 'yauzl';

/** The entries of a zip held in memory, name to text. */
export async function listZip(zip: Buffer): Promise<Record<string, string>> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (error, z) => (error ? reject(error) : resolve(z))));
  const entries: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          entries[entry.fileName] = Buffer.concat(chunks).toString('utf8');
          zipfile.readEntry();
        });
      });
    });
    zipfile.on('end', () => resolve());
    zipfile.on('error', reject);
    zipfile.readEntry();
  });
  return entries;
}
