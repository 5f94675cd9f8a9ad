/**
 * Reads the QR codes printed in a PDF: finds the image XObjects (as pdfkit embeds PNGs: FlateDecode with an optional
 * PNG predictor, DeviceGray/DeviceRGB or an Indexed palette, an optional soft mask), turns each into RGBA pixels and
 * decodes it with jsQR. Enough PDF for the files this project writes (no object streams, no encryption).
 */
import zlib from 'node:zlib';
import jsQR from 'jsqr';

type PdfValue = number | boolean | null | { name: string } | { ref: number } | { str: Buffer } | PdfValue[] | PdfDict;
interface PdfDict {
  dict: Map<string, PdfValue>;
}
interface PdfObject {
  value: PdfValue;
  stream?: Buffer;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** A small parser of PDF object syntax over the raw bytes. */
class Parser {
  constructor(
    private readonly buf: Buffer,
    public pos: number,
  ) {}

  private skip(): void {
    for (;;) {
      while (this.pos < this.buf.length && WHITESPACE.has(this.buf[this.pos] ?? 0)) this.pos++;
      if (this.buf[this.pos] === 0x25) {
        while (this.pos < this.buf.length && this.buf[this.pos] !== 0x0a && this.buf[this.pos] !== 0x0d) this.pos++;
        continue;
      }
      return;
    }
  }

  private regular(): string {
    const start = this.pos;
    while (this.pos < this.buf.length) {
      const c = this.buf[this.pos] ?? 0;
      if (WHITESPACE.has(c) || DELIMITERS.has(c)) break;
      this.pos++;
    }
    return this.buf.toString('latin1', start, this.pos);
  }

  peekKeyword(word: string): boolean {
    this.skip();
    return this.buf.toString('latin1', this.pos, this.pos + word.length) === word;
  }

  value(): PdfValue {
    this.skip();
    const c = this.buf[this.pos];
    if (c === 0x2f) {
      this.pos++;
      return {
        name: this.regular().replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      };
    }
    if (c === 0x3c && this.buf[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const dict = new Map<string, PdfValue>();
      for (;;) {
        this.skip();
        if (this.buf[this.pos] === 0x3e && this.buf[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return { dict };
        }
        const key = this.value();
        if (typeof key !== 'object' || key === null || !('name' in key))
          throw new Error('pdf: dictionary key expected');
        dict.set(key.name, this.value());
      }
    }
    if (c === 0x3c) {
      const end = this.buf.indexOf(0x3e, this.pos);
      const hex = this.buf.toString('latin1', this.pos + 1, end).replace(/\s+/g, '');
      this.pos = end + 1;
      return { str: Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex') };
    }
    if (c === 0x28) return { str: this.literal() };
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (this.buf[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.value());
      }
    }
    const word = this.regular();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) throw new Error(`pdf: unexpected token ${JSON.stringify(word)}`);
    const n = Number(word);
    // An indirect reference: "12 0 R".
    if (/^\d+$/.test(word)) {
      const save = this.pos;
      this.skip();
      const gen = this.regular();
      this.skip();
      if (/^\d+$/.test(gen) && this.buf[this.pos] === 0x52) {
        const after = this.buf[this.pos + 1] ?? 0x20;
        if (WHITESPACE.has(after) || DELIMITERS.has(after)) {
          this.pos++;
          return { ref: n };
        }
      }
      this.pos = save;
    }
    return n;
  }

  private literal(): Buffer {
    this.pos++; // (
    const out: number[] = [];
    let depth = 1;
    while (this.pos < this.buf.length) {
      const c = this.buf[this.pos++] ?? 0;
      if (c === 0x5c) {
        const e = this.buf[this.pos++] ?? 0;
        const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (map[e] !== undefined) out.push(map[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let oct = String.fromCharCode(e);
          while (oct.length < 3 && (this.buf[this.pos] ?? 0) >= 0x30 && (this.buf[this.pos] ?? 0) <= 0x37)
            oct += String.fromCharCode(this.buf[this.pos++] ?? 0);
          out.push(parseInt(oct, 8) & 0xff);
        } else if (e !== 0x0a && e !== 0x0d) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) break;
      out.push(c);
    }
    return Buffer.from(out);
  }
}

function isDict(v: PdfValue | undefined): v is PdfDict {
  return typeof v === 'object' && v !== null && 'dict' in v;
}

/** All indirect objects of the file, by object number (the last definition wins, as incremental updates do). */
function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+\d+\s+obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const parser = new Parser(pdf, m.index + m[0].length);
    let value: PdfValue;
    try {
      value = parser.value();
    } catch {
      continue;
    }
    const entry: PdfObject = { value };
    if (isDict(value) && parser.peekKeyword('stream')) {
      let start = parser.pos + 'stream'.length;
      if (pdf[start] === 0x0d) start++;
      if (pdf[start] === 0x0a) start++;
      const length = value.dict.get('Length');
      let end = typeof length === 'number' ? start + length : -1;
      if (
        end < 0 ||
        pdf
          .toString('latin1', end, end + 20)
          .trim()
          .indexOf('endstream') !== 0
      ) {
        end = text.indexOf('endstream', start);
        while (end > start && (pdf[end - 1] === 0x0a || pdf[end - 1] === 0x0d)) end--;
      }
      entry.stream = pdf.subarray(start, end);
      header.lastIndex = end;
    } else {
      header.lastIndex = parser.pos;
    }
    objects.set(Number(m[1]), entry);
  }
  return objects;
}

function resolve(objects: Map<number, PdfObject>, v: PdfValue | undefined): PdfValue | undefined {
  let cur = v;
  for (let i = 0; i < 32 && typeof cur === 'object' && cur !== null && 'ref' in cur; i++)
    cur = objects.get(cur.ref)?.value;
  return cur;
}

function num(objects: Map<number, PdfObject>, v: PdfValue | undefined, fallback: number): number {
  const r = resolve(objects, v);
  return typeof r === 'number' ? r : fallback;
}

function nameOf(v: PdfValue | undefined): string | undefined {
  return typeof v === 'object' && v !== null && 'name' in v ? v.name : undefined;
}

/** A stream's bytes after its filters (only FlateDecode, with its PNG or TIFF predictor, is supported). */
function decodeStream(objects: Map<number, PdfObject>, obj: PdfObject): Buffer | null {
  if (!isDict(obj.value) || !obj.stream) return null;
  const d = obj.value.dict;
  const filterValue = resolve(objects, d.get('Filter'));
  const filters = (Array.isArray(filterValue) ? filterValue : filterValue ? [filterValue] : []).map(nameOf);
  const parmsValue = resolve(objects, d.get('DecodeParms'));
  const parmsList = Array.isArray(parmsValue) ? parmsValue : [parmsValue];
  let data: Buffer = obj.stream;
  for (const [i, filter] of filters.entries()) {
    if (filter !== 'FlateDecode') return null; // DCT (JPEG) and others: not QR codes this project draws.
    data = zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const parms = resolve(objects, parmsList[i]);
    if (isDict(parms)) {
      const predictor = num(objects, parms.dict.get('Predictor'), 1);
      if (predictor >= 10) {
        data = unPng(
          data,
          num(objects, parms.dict.get('Colors'), 1),
          num(objects, parms.dict.get('BitsPerComponent'), 8),
          num(objects, parms.dict.get('Columns'), 1),
        );
      } else if (predictor === 2) return null;
    }
  }
  return data;
}

/** Undoes the PNG row filters (None, Sub, Up, Average, Paeth), each row led by its filter-type byte. */
export function unPng(data: Buffer, colors: number, bpc: number, columns: number): Buffer {
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLength = Math.ceil((colors * bpc * columns) / 8);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  let prev = Buffer.alloc(rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)] ?? 0;
    const src = data.subarray(r * (rowLength + 1) + 1, (r + 1) * (rowLength + 1));
    const row = out.subarray(r * rowLength, (r + 1) * rowLength);
    for (let i = 0; i < rowLength; i++) {
      const a = i >= bpp ? (row[i - bpp] ?? 0) : 0;
      const b = prev[i] ?? 0;
      const c = i >= bpp ? (prev[i - bpp] ?? 0) : 0;
      const x = src[i] ?? 0;
      let v: number;
      switch (type) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`png: unknown row filter ${type}`);
      }
      row[i] = v & 0xff;
    }
    prev = row;
  }
  return out;
}

/** The samples of one image, unpacked to one number per component (0..2^bpc-1). */
function samples(data: Buffer, width: number, height: number, comps: number, bpc: number): Uint16Array {
  const out = new Uint16Array(width * height * comps);
  const rowBytes = Math.ceil((width * comps * bpc) / 8);
  let k = 0;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let i = 0; i < width * comps; i++) {
      if (bpc === 8) out[k++] = data[row + i] ?? 0;
      else if (bpc === 16) out[k++] = ((data[row + 2 * i] ?? 0) << 8) | (data[row + 2 * i + 1] ?? 0);
      else {
        const bit = i * bpc;
        const byte = data[row + (bit >> 3)] ?? 0;
        out[k++] = (byte >> (8 - bpc - (bit & 7))) & ((1 << bpc) - 1);
      }
    }
  }
  return out;
}

interface ColorSpace {
  comps: number;
  toRgb: (s: Uint16Array, at: number, max: number) => [number, number, number];
}

function colorSpace(objects: Map<number, PdfObject>, v: PdfValue | undefined): ColorSpace | null {
  const cs = resolve(objects, v);
  const name = nameOf(cs) ?? (Array.isArray(cs) ? nameOf(cs[0]) : undefined);
  const scale = (x: number, max: number) => Math.round((x * 255) / max);
  switch (name) {
    case 'DeviceGray':
    case 'CalGray':
    case 'G':
      return {
        comps: 1,
        toRgb: (s, at, max) => {
          const g = scale(s[at] ?? 0, max);
          return [g, g, g];
        },
      };
    case 'DeviceRGB':
    case 'CalRGB':
    case 'RGB':
      return {
        comps: 3,
        toRgb: (s, at, max) => [scale(s[at] ?? 0, max), scale(s[at + 1] ?? 0, max), scale(s[at + 2] ?? 0, max)],
      };
    case 'DeviceCMYK':
      return {
        comps: 4,
        toRgb: (s, at, max) => {
          const k = (s[at + 3] ?? 0) / max;
          const f = (x: number) => Math.round(255 * (1 - x / max) * (1 - k));
          return [f(s[at] ?? 0), f(s[at + 1] ?? 0), f(s[at + 2] ?? 0)];
        },
      };
    case 'ICCBased': {
      const stream = Array.isArray(cs) ? resolve(objects, cs[1]) : undefined;
      const n = isDict(stream) ? num(objects, stream.dict.get('N'), 3) : 3;
      return colorSpace(objects, { name: n === 1 ? 'DeviceGray' : n === 4 ? 'DeviceCMYK' : 'DeviceRGB' });
    }
    case 'Indexed':
    case 'I': {
      if (!Array.isArray(cs)) return null;
      const base = colorSpace(objects, cs[1]);
      if (!base) return null;
      const lookupRef = cs[3];
      let lookup: Buffer | null = null;
      const direct = resolve(objects, lookupRef);
      if (typeof direct === 'object' && direct !== null && 'str' in direct) lookup = direct.str;
      else if (typeof lookupRef === 'object' && lookupRef !== null && 'ref' in lookupRef) {
        const obj = objects.get(lookupRef.ref);
        lookup = obj ? decodeStream(objects, obj) : null;
      }
      if (!lookup) return null;
      const table = new Uint16Array(lookup);
      return {
        comps: 1,
        toRgb: (s, at) => base.toRgb(table, (s[at] ?? 0) * base.comps, 255),
      };
    }
    default:
      return null;
  }
}

/** One image XObject as RGBA, composited over white through its soft mask, or null when it cannot be read. */
function imageRgba(
  objects: Map<number, PdfObject>,
  obj: PdfObject,
): { data: Uint8ClampedArray; width: number; height: number } | null {
  if (!isDict(obj.value)) return null;
  const d = obj.value.dict;
  const width = num(objects, d.get('Width'), 0);
  const height = num(objects, d.get('Height'), 0);
  const bpc = num(objects, d.get('BitsPerComponent'), 8);
  if (width <= 0 || height <= 0) return null;
  const cs =
    resolve(objects, d.get('ImageMask')) === true
      ? colorSpace(objects, { name: 'DeviceGray' })
      : colorSpace(objects, d.get('ColorSpace'));
  if (!cs) return null;
  const raw = decodeStream(objects, obj);
  if (!raw) return null;
  const s = samples(raw, width, height, cs.comps, bpc);
  const max = (1 << bpc) - 1;

  let alpha: Uint16Array | null = null;
  let alphaMax = 255;
  const maskRef = d.get('SMask');
  if (typeof maskRef === 'object' && maskRef !== null && 'ref' in maskRef) {
    const mask = objects.get(maskRef.ref);
    if (mask && isDict(mask.value)) {
      const mbpc = num(objects, mask.value.dict.get('BitsPerComponent'), 8);
      const mw = num(objects, mask.value.dict.get('Width'), 0);
      const mh = num(objects, mask.value.dict.get('Height'), 0);
      const mraw = decodeStream(objects, mask);
      if (mraw && mw === width && mh === height) {
        alpha = samples(mraw, width, height, 1, mbpc);
        alphaMax = (1 << mbpc) - 1;
      }
    }
  }

  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const [r, g, b] = cs.toRgb(s, p * cs.comps, max);
    const a = alpha ? (alpha[p] ?? alphaMax) / alphaMax : 1;
    rgba[p * 4] = Math.round(r * a + 255 * (1 - a));
    rgba[p * 4 + 1] = Math.round(g * a + 255 * (1 - a));
    rgba[p * 4 + 2] = Math.round(b * a + 255 * (1 - a));
    rgba[p * 4 + 3] = 255;
  }
  return { data: rgba, width, height };
}

/** The texts of the QR codes found in the PDF's images, in file order (each image at most once). */
export async function qrCodesInPdf(pdf: Buffer): Promise<string[]> {
  const objects = readObjects(pdf);
  const masks = new Set<number>();
  for (const obj of objects.values()) {
    const m = isDict(obj.value) ? obj.value.dict.get('SMask') : undefined;
    if (typeof m === 'object' && m !== null && 'ref' in m) masks.add(m.ref);
  }
  const found: string[] = [];
  const numbers = [...objects.keys()].sort((a, b) => a - b);
  for (const n of numbers) {
    const obj = objects.get(n);
    if (!obj || !isDict(obj.value) || masks.has(n)) continue;
    if (nameOf(obj.value.dict.get('Subtype')) !== 'Image') continue;
    const image = imageRgba(objects, obj);
    if (!image) continue;
    const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
    if (code) found.push(code.data);
  }
  return Promise.resolve(found);
}
