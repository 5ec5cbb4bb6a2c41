import { appendFileSync, closeSync, openSync, readSync, writeFileSync } from 'node:fs';

/**
 * Text files as chains export them: UTF-8 (with or without BOM) or, from 1C and older POS,
 * Windows-1251. A file that is not valid UTF-8 is read as Windows-1251, which maps every byte.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

const SAMPLE_BYTES = 4 * 1024 * 1024;

/**
 * The encoding of a file too big to decode whole (a JavaScript string holds at most about half
 * a gigabyte): UTF-8 when its first 4 MB are (a sequence cut at the sample's end is allowed).
 */
export function sniffEncoding(bytes: Uint8Array): 'utf-8' | 'windows-1251' {
  let sample = bytes.subarray(0, SAMPLE_BYTES);
  if (bytes.length > SAMPLE_BYTES) {
    // Step back over a multi-byte sequence the sample cut in two.
    let end = sample.length;
    for (let k = 1; k <= 3 && end - k >= 0; k++) {
      const b = sample[end - k]!;
      if ((b & 0xc0) === 0xc0) {
        end -= k;
        break;
      }
      if ((b & 0x80) === 0) break;
    }
    sample = sample.subarray(0, end);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}


/**
 * Writes a Windows-1251 file as UTF-8, reading it a chunk at a time (one byte is one character,
 * so any cut is safe): exports can be larger than a buffer may be (2 GiB).
 */
export function writeUtf8FromWindows1251File(source: string, path: string): void {
  const decoder = new TextDecoder('windows-1251');
  const chunk = Buffer.alloc(SAMPLE_BYTES);
  const fd = openSync(source, 'r');
  try {
    writeFileSync(path, '');
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) appendFileSync(path, decoder.decode(chunk.subarray(0, n)));
  } finally {
    closeSync(fd);
  }
}

/** The first `bytes` of a file (all of it when shorter): enough to tell its kind and encoding. */
export function readHead(path: string, bytes = SAMPLE_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
