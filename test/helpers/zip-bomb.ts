import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A zip written byte by byte whose `count` entries (`r0000.json`, ...) all point at ONE local
 * header and its deflated stream, the overlapping-files zip bomb (David Fifield, "A better zip
 * bomb", 2019). Each entry declares `entryBytes` uncompressed (1 MiB by default: at the ratio
 * check's threshold, so no single entry looks like a bomb); the zip stays a few KB while a reader
 * that inflates every entry produces count x entryBytes.
 */
export function overlappingZip(count: number, entryBytes = 1024 * 1024): Buffer {
  const content = Buffer.alloc(entryBytes, '{"kind":"a11y","pad":"' + ' '.repeat(64));
  return writeZip([{ name: 'r0000.json', content }], Array.from({ length: count }, (_, i) => ({ name: `r${String(i).padStart(4, '0')}.json`, record: 0 })));
}

/**
 * A zip whose first entry's compressed data is declared to run over the next entry's local header
 * (a "quoted" overlap): two records, each pointed at once, but the ranges they span overlap.
 */
export function quotedOverlapZip(): Buffer {
  const a = Buffer.from('{"kind":"a11y"}');
  const b = Buffer.from('{"kind":"slo-burn"}');
  return writeZip([{ name: 'a.json', content: a, stored: true, stretch: 20 }, { name: 'b.json', content: b, stored: true }], [{ name: 'a.json', record: 0 }, { name: 'b.json', record: 1 }]);
}

interface LocalRecord {
  name: string;
  content: Buffer;
  stored?: boolean;
  /** Bytes added to the compressed size declared in the central directory (to reach into the next record). */
  stretch?: number;
}

/** Writes local records, then one central directory entry per `entries` item pointing at the record it names. */
function writeZip(records: LocalRecord[], entries: Array<{ name: string; record: number }>): Buffer {
  const parts: Buffer[] = [];
  const written: Array<{ offset: number; crc: number; compressed: number; size: number; method: number; stretch: number }> = [];
  let offset = 0;
  for (const record of records) {
    const data = record.stored ? record.content : deflateRawSync(record.content, { level: 9 });
    const method = record.stored ? 0 : 8;
    const name = Buffer.from(record.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(0x21, 12);
    header.writeUInt32LE(crc32(record.content), 14);
    header.writeUInt32LE(data.byteLength, 18);
    header.writeUInt32LE(record.content.byteLength, 22);
    header.writeUInt16LE(name.byteLength, 26);
    header.writeUInt16LE(0, 28);
    written.push({ offset, crc: crc32(record.content), compressed: data.byteLength, size: record.content.byteLength, method, stretch: record.stretch ?? 0 });
    parts.push(header, name, data);
    offset += header.byteLength + name.byteLength + data.byteLength;
  }
  const directoryOffset = offset;
  for (const entry of entries) {
    const record = written[entry.record]!;
    const name = Buffer.from(entry.name);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(record.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(record.crc, 16);
    central.writeUInt32LE(record.compressed + record.stretch, 20);
    central.writeUInt32LE(record.size + (record.method === 0 ? record.stretch : 0), 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(record.offset, 42);
    parts.push(central, name);
    offset += central.byteLength + name.byteLength;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - directoryOffset, 12);
  end.writeUInt32LE(directoryOffset, 16);
  parts.push(end);
  return Buffer.concat(parts);
}
